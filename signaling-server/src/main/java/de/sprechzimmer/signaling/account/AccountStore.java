package de.sprechzimmer.signaling.account;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Practices, accounts and login tokens. In memory ({@link InMemoryAccountStore}) or in Redis ({@link RedisAccountStore}). */
public interface AccountStore {

    void putPractice(Practice practice);

    Optional<Practice> practice(PracticeId id);

    /** Adds the account unless its login is taken; true when added. Atomic across nodes. */
    boolean create(Account account);

    Optional<Account> byId(AccountId id);

    Optional<Account> byLogin(String login);

    List<Account> byPractice(PracticeId practice);

    boolean isEmpty();

    void putToken(LoginToken token);

    /** The token with this hash unless it expired at {@code now}. */
    Optional<LoginToken> token(String tokenHash, Instant now);

    void revokeToken(String tokenHash);

    /** Drops expired tokens; Redis lets its TTLs do this, memory needs the sweep. */
    default void purgeExpired(Instant now) {
    }
}
