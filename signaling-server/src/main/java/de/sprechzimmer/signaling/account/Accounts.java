package de.sprechzimmer.signaling.account;

import de.sprechzimmer.common.ids.Tokens;
import de.sprechzimmer.signaling.Refusal;
import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Logins, bearer tokens and accounts of a practice. {@link #login} and {@link #create} hash passwords and so
 * block for tens of milliseconds: callers run them on the bounded worker pool.
 */
public final class Accounts {

    public static final int MIN_PASSWORD_LENGTH = 12;

    private final AccountStore store;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Duration tokenTtl;
    /** Verified against when the login is unknown, so both failures take the same time. */
    private final String dummyHash;

    public Accounts(AccountStore store, PasswordHasher hasher, Clock clock, Duration tokenTtl) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.dummyHash = hasher.hash(Tokens.random());
    }

    /** A successful login: the raw token (shown to the caller once, stored only as hash) and its account. */
    public record Login(String token, Instant expiresAt, Account account, Practice practice) {
    }

    public Optional<Login> login(String login, String password) {
        if (login == null || password == null || password.length() > 1024) {
            return Optional.empty();
        }
        Optional<Account> account = store.byLogin(login);
        boolean ok = hasher.verify(password, account.map(Account::passwordHash).orElse(dummyHash));
        if (account.isEmpty() || !ok) {
            return Optional.empty();
        }
        String token = Tokens.random();
        Instant expires = clock.instant().plus(tokenTtl);
        store.putToken(new LoginToken(Tokens.hash(token), account.get().id(), expires));
        return Optional.of(new Login(token, expires, account.get(), practiceOf(account.get())));
    }

    /** The account a bearer token belongs to, if the token is known and not expired. */
    public Optional<Account> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        return store.token(Tokens.hash(token), clock.instant()).flatMap(t -> store.byId(t.accountId()));
    }

    public void logout(String token) {
        store.revokeToken(Tokens.hash(token));
    }

    public Practice practiceOf(Account account) {
        return store.practice(account.practiceId())
                .orElseThrow(() -> new IllegalStateException("account without practice"));
    }

    public Optional<Account> byId(AccountId id) {
        return store.byId(id);
    }

    public java.util.List<Account> ofPractice(PracticeId practice) {
        return store.byPractice(practice);
    }

    /** A new account in {@code admin}'s practice; only a practice admin may do this. */
    public Account create(Account admin, String login, String password, String displayName, Set<Role> roles) {
        if (!admin.has(Role.PRACTICE_ADMIN)) {
            throw Refusal.FORBIDDEN.refuse();
        }
        return create(admin.practiceId(), login, password, displayName, roles);
    }

    Account create(PracticeId practice, String login, String password, String displayName, Set<Role> roles) {
        String normalized = Account.normalizeLogin(login);
        if (!Account.validLogin(normalized)) {
            throw Refusal.INVALID_REQUEST.refuse("login: 3-64 characters of a-z 0-9 . _ @ -");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw Refusal.INVALID_REQUEST.refuse("displayName: 1-100 characters");
        }
        if (roles == null || roles.isEmpty()) {
            throw Refusal.INVALID_REQUEST.refuse("roles: at least one of provider, practice_admin");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 1024) {
            throw Refusal.WEAK_PASSWORD.refuse();
        }
        if (store.byLogin(normalized).isPresent()) {
            throw Refusal.LOGIN_TAKEN.refuse();
        }
        Account a = new Account(AccountId.random(), practice, normalized, displayName.trim(), roles,
                hasher.hash(password), clock.instant());
        if (!store.create(a)) {
            throw Refusal.LOGIN_TAKEN.refuse();
        }
        return a;
    }

    /** Creates a practice with one account; used for the bootstrap account. */
    public Account createWithPractice(String practiceName, String login, String password, String displayName,
                                      Set<Role> roles) {
        Practice practice = new Practice(PracticeId.random(), practiceName, clock.instant());
        store.putPractice(practice);
        return create(practice.id(), login, password, displayName, roles);
    }

    public boolean noAccounts() {
        return store.isEmpty();
    }

    public void purgeExpired() {
        store.purgeExpired(clock.instant());
    }
}
