package de.sprechzimmer.signaling.account;

import static org.assertj.core.api.Assertions.assertThat;

import de.sprechzimmer.common.testing.ManualClock;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStore} must do; run on memory and on a real Redis. */
abstract class AccountStoreContract {

    final ManualClock clock = new ManualClock();
    AccountStore store;

    abstract AccountStore create(ManualClock clock);

    @BeforeEach
    void setUp() {
        store = create(clock);
    }

    Account account(PracticeId practice, String login) {
        return new Account(AccountId.random(), practice, login, "Dr. " + login, Set.of(Role.PROVIDER), "$argon2id$x", clock.instant());
    }

    @Test
    void loginsAreUniqueAndCaseInsensitive() {
        Practice p = new Practice(PracticeId.random(), "Praxis Nord", clock.instant());
        store.putPractice(p);
        assertThat(store.isEmpty()).isTrue();
        Account a = account(p.id(), "Dr.Muster");
        assertThat(store.create(a)).isTrue();
        assertThat(store.create(account(p.id(), "dr.muster"))).isFalse();
        assertThat(store.isEmpty()).isFalse();
        assertThat(store.byLogin("DR.MUSTER")).contains(a);
        assertThat(store.byId(a.id())).contains(a);
        assertThat(store.practice(p.id())).contains(p);
        assertThat(store.byLogin("nobody")).isEmpty();
    }

    @Test
    void accountsAreListedPerPractice() {
        PracticeId one = PracticeId.random();
        PracticeId two = PracticeId.random();
        Account b = account(one, "bbb");
        Account a = account(one, "aaa");
        store.create(b);
        store.create(a);
        store.create(account(two, "ccc"));
        assertThat(store.byPractice(one)).containsExactly(a, b);
    }

    @Test
    void tokensExpireByTheirInstantAndCanBeRevoked() {
        AccountId id = AccountId.random();
        store.putToken(new LoginToken("hash-1", id, clock.instant().plus(Duration.ofHours(12))));
        store.putToken(new LoginToken("hash-2", id, clock.instant().plus(Duration.ofHours(12))));
        assertThat(store.token("hash-1", clock.instant())).get().extracting(LoginToken::accountId).isEqualTo(id);
        store.revokeToken("hash-1");
        assertThat(store.token("hash-1", clock.instant())).isEmpty();
        clock.advance(Duration.ofHours(12));
        assertThat(store.token("hash-2", clock.instant())).isEmpty();
        assertThat(store.token("unknown", clock.instant())).isEmpty();
    }
}
