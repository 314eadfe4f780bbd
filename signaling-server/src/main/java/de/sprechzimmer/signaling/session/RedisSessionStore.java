package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.ids.SessionId;
import de.sprechzimmer.signaling.redis.RedisJson;
import de.sprechzimmer.signaling.redis.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions in Redis: a hash (account, practice, start, peak) and a list of members in join order. Joining and
 * leaving run as Lua scripts, so the mesh limit holds however many nodes admit at once.
 */
public final class RedisSessionStore implements SessionStore {

    /**
     * KEYS: meta, members, usage. ARGV: member id, member JSON, "1" if guest, max guests, guest's usage mark.
     * -1 no session, -2 full, 1 joined, 0 already in.
     */
    private static final RedisJson.Script JOIN = new RedisJson.Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            local guests = 0
            for _, m in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
              local d = cjson.decode(m)
              if d.id == ARGV[1] then return 0 end
              if d.role == 'guest' then guests = guests + 1 end
            end
            if ARGV[3] == '1' and guests >= tonumber(ARGV[4]) then return -2 end
            local n = redis.call('RPUSH', KEYS[2], ARGV[2])
            redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
            if ARGV[3] == '1' then
              redis.call('SADD', KEYS[3], ARGV[5])
              redis.call('PEXPIRE', KEYS[3], redis.call('PTTL', KEYS[1]))
            end
            if n > tonumber(redis.call('HGET', KEYS[1], 'peak') or '0') then redis.call('HSET', KEYS[1], 'peak', n) end
            return 1
            """);

    /** KEYS: meta, members. ARGV: member id. Removes the member; 1 if it was there. */
    private static final RedisJson.Script LEAVE = new RedisJson.Script("""
            for _, m in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
              if cjson.decode(m).id == ARGV[1] then redis.call('LREM', KEYS[2], 1, m) return 1 end
            end
            return 0
            """);

    /** KEYS: meta, usage. ARGV: mark. Only while the session exists, so a late note leaves no key behind. */
    private static final RedisJson.Script NOTE = new RedisJson.Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('SADD', KEYS[2], ARGV[1])
            redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
            return 1
            """);

    /** KEYS: current pointer. ARGV: session id. Deletes the pointer only if it still names this session. */
    private static final RedisJson.Script CLEAR_CURRENT = new RedisJson.Script("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final RedisCommands<String, String> redis;

    public RedisSessionStore(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public void create(Session s) {
        String meta = RedisKeys.session(s.id().value());
        redis.hset(meta, Map.of("account", s.account().value(), "practice", s.practice().value(),
                "startedAt", s.startedAt().toString(), "peak", String.valueOf(s.peakMembers())));
        redis.pexpire(meta, RedisJson.SAFETY_TTL.toMillis());
        String members = RedisKeys.sessionMembers(s.id().value());
        for (Member m : s.members()) {
            redis.rpush(members, RedisJson.write(m));
        }
        redis.pexpire(members, RedisJson.SAFETY_TTL.toMillis());
        redis.set(RedisKeys.currentSession(s.account().value()), s.id().value(),
                io.lettuce.core.SetArgs.Builder.px(RedisJson.SAFETY_TTL.toMillis()));
    }

    @Override
    public Optional<Session> get(SessionId id) {
        Map<String, String> meta = redis.hgetall(RedisKeys.session(id.value()));
        if (meta == null || meta.isEmpty()) {
            return Optional.empty();
        }
        List<Member> members = redis.lrange(RedisKeys.sessionMembers(id.value()), 0, -1).stream()
                .map(j -> RedisJson.read(j, Member.class).orElseThrow()).toList();
        return Optional.of(new Session(id, new AccountId(meta.get("account")), new PracticeId(meta.get("practice")),
                Instant.parse(meta.get("startedAt")), members, Integer.parseInt(meta.getOrDefault("peak", "0"))));
    }

    @Override
    public Optional<SessionId> current(AccountId account) {
        String id = redis.get(RedisKeys.currentSession(account.value()));
        if (id == null) {
            return Optional.empty();
        }
        SessionId sid = new SessionId(id);
        return redis.exists(RedisKeys.session(id)) == 1 ? Optional.of(sid) : Optional.empty();
    }

    @Override
    public Join join(SessionId id, Member member) {
        long r = JOIN.run(redis, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.session(id.value()), RedisKeys.sessionMembers(id.value()), RedisKeys.sessionUsage(id.value())},
                member.id().value(), RedisJson.write(member), member.role() == Role.GUEST ? "1" : "0",
                String.valueOf(Session.MAX_GUESTS), SessionUsage.guest(member.id()));
        if (r == -1) {
            return new Join(JoinOutcome.NO_SESSION, null);
        }
        Optional<Session> s = get(id);
        if (s.isEmpty()) {
            return new Join(JoinOutcome.NO_SESSION, null);
        }
        return new Join(r == -2 ? JoinOutcome.FULL : JoinOutcome.JOINED, s.get());
    }

    @Override
    public void note(SessionId id, String mark) {
        NOTE.run(redis, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.session(id.value()), RedisKeys.sessionUsage(id.value())}, mark);
    }

    @Override
    public SessionUsage usage(SessionId id) {
        return SessionUsage.of(redis.smembers(RedisKeys.sessionUsage(id.value())));
    }

    @Override
    public Optional<Session> leave(SessionId id, ParticipantId member) {
        LEAVE.run(redis, ScriptOutputType.INTEGER, keys(id), member.value());
        return get(id);
    }

    @Override
    public boolean delete(SessionId id) {
        Optional<Session> s = get(id);
        long n = redis.del(RedisKeys.session(id.value()), RedisKeys.sessionMembers(id.value()));
        redis.del(RedisKeys.sessionUsage(id.value()));
        s.ifPresent(x -> CLEAR_CURRENT.run(redis, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.currentSession(x.account().value())}, id.value()));
        return n > 0;
    }

    private static String[] keys(SessionId id) {
        return new String[] {RedisKeys.session(id.value()), RedisKeys.sessionMembers(id.value())};
    }
}
