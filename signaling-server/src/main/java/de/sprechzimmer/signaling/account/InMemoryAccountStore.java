package de.sprechzimmer.signaling.account;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default: everything in maps, gone on restart. */
public final class InMemoryAccountStore implements AccountStore {

    private final Map<PracticeId, Practice> practices = new ConcurrentHashMap<>();
    private final Map<AccountId, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, AccountId> logins = new ConcurrentHashMap<>();
    private final Map<String, LoginToken> tokens = new ConcurrentHashMap<>();

    @Override
    public void putPractice(Practice practice) {
        practices.put(practice.id(), practice);
    }

    @Override
    public Optional<Practice> practice(PracticeId id) {
        return Optional.ofNullable(practices.get(id));
    }

    @Override
    public boolean create(Account account) {
        if (logins.putIfAbsent(account.login(), account.id()) != null) {
            return false;
        }
        accounts.put(account.id(), account);
        return true;
    }

    @Override
    public Optional<Account> byId(AccountId id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public Optional<Account> byLogin(String login) {
        AccountId id = logins.get(Account.normalizeLogin(login));
        return id == null ? Optional.empty() : byId(id);
    }

    @Override
    public List<Account> byPractice(PracticeId practice) {
        return accounts.values().stream().filter(a -> a.practiceId().equals(practice))
                .sorted(Comparator.comparing(Account::login)).toList();
    }

    @Override
    public boolean isEmpty() {
        return accounts.isEmpty();
    }

    @Override
    public void putToken(LoginToken token) {
        tokens.put(token.tokenHash(), token);
    }

    @Override
    public Optional<LoginToken> token(String tokenHash, Instant now) {
        LoginToken t = tokens.get(tokenHash);
        if (t == null) {
            return Optional.empty();
        }
        if (!t.expiresAt().isAfter(now)) {
            tokens.remove(tokenHash, t);
            return Optional.empty();
        }
        return Optional.of(t);
    }

    @Override
    public void revokeToken(String tokenHash) {
        tokens.remove(tokenHash);
    }

    @Override
    public void purgeExpired(Instant now) {
        tokens.values().removeIf(t -> !t.expiresAt().isAfter(now));
    }
}
