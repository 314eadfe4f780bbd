package de.sprechzimmer.signaling.account;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.redis.RedisJson;
import de.sprechzimmer.signaling.redis.RedisKeys;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Accounts in Redis: JSON values, a login index claimed with SET NX, tokens (hashes) with a TTL. */
public final class RedisAccountStore implements AccountStore {

    private final RedisCommands<String, String> redis;
    private final Clock clock;

    public RedisAccountStore(RedisCommands<String, String> redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public void putPractice(Practice practice) {
        redis.set(RedisKeys.practice(practice.id().value()), RedisJson.write(practice));
    }

    @Override
    public Optional<Practice> practice(PracticeId id) {
        return RedisJson.read(redis.get(RedisKeys.practice(id.value())), Practice.class);
    }

    @Override
    public boolean create(Account account) {
        // The login index is claimed first and atomically: two nodes cannot create the same login.
        if (!"OK".equals(redis.set(RedisKeys.login(account.login()), account.id().value(), SetArgs.Builder.nx()))) {
            return false;
        }
        redis.set(RedisKeys.account(account.id().value()), RedisJson.write(account));
        redis.sadd(RedisKeys.practiceAccounts(account.practiceId().value()), account.id().value());
        redis.incr(RedisKeys.ACCOUNT_COUNT);
        return true;
    }

    @Override
    public Optional<Account> byId(AccountId id) {
        return RedisJson.read(redis.get(RedisKeys.account(id.value())), Account.class);
    }

    @Override
    public Optional<Account> byLogin(String login) {
        String normalized = Account.normalizeLogin(login);
        if (!Account.validLogin(normalized)) {
            return Optional.empty();
        }
        String id = redis.get(RedisKeys.login(normalized));
        return id == null ? Optional.empty() : byId(new AccountId(id));
    }

    @Override
    public List<Account> byPractice(PracticeId practice) {
        return redis.smembers(RedisKeys.practiceAccounts(practice.value())).stream()
                .map(id -> byId(new AccountId(id)).orElse(null)).filter(Objects::nonNull)
                .sorted(Comparator.comparing(Account::login)).toList();
    }

    @Override
    public boolean isEmpty() {
        String n = redis.get(RedisKeys.ACCOUNT_COUNT);
        return n == null || Long.parseLong(n) == 0;
    }

    @Override
    public void putToken(LoginToken token) {
        redis.set(RedisKeys.loginToken(token.tokenHash()), RedisJson.write(token),
                SetArgs.Builder.px(RedisJson.ttlMillis(clock.instant(), token.expiresAt(), Duration.ZERO)));
    }

    @Override
    public Optional<LoginToken> token(String tokenHash, Instant now) {
        return RedisJson.read(redis.get(RedisKeys.loginToken(tokenHash)), LoginToken.class)
                .filter(t -> t.expiresAt().isAfter(now));
    }

    @Override
    public void revokeToken(String tokenHash) {
        redis.del(RedisKeys.loginToken(tokenHash));
    }
}
