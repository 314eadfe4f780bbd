package de.sprechzimmer.signaling.cluster;

import de.sprechzimmer.common.redis.RedisConnections;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.protocol.CloseCodes;
import de.sprechzimmer.signaling.protocol.Codec;
import de.sprechzimmer.signaling.redis.RedisJson;
import de.sprechzimmer.signaling.redis.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery across signaling nodes. Per participant Redis holds a mailbox (a list of the last
 * {@value Delivery#MAILBOX_EVENTS} frames), its seq counter and a route ({@code "<node> <connection>"}) naming the
 * node whose socket holds it. One Lua script numbers, keeps and publishes each event to that node's channel, so
 * frames leave Redis in seq order; each node subscribes to its own channel and writes to its local sockets.
 *
 * <p>Channel messages: {@code <participant>\nF\n<frame>} (a frame) or {@code <participant>\nC\n<code>\n<connection or *>}
 * (close that socket).
 */
public final class RedisDelivery implements Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(RedisDelivery.class);
    /** Nodes taken over per lease renewal at most (the next renewal takes the rest). */
    private static final int TAKE_OVER_NODES = 16;

    /** KEYS: seq, mailbox, route. ARGV: participant, event body, max kept, ttl ms, channel prefix. */
    private static final RedisJson.Script DELIVER = new RedisJson.Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            local seq = redis.call('INCR', KEYS[1])
            local frame = '{"v":1,"seq":' .. seq .. ',' .. ARGV[2]
            redis.call('RPUSH', KEYS[2], frame)
            redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            local route = redis.call('GET', KEYS[3])
            if route then
              local node = string.match(route, '^(%S+)')
              redis.call('PUBLISH', ARGV[5] .. node, ARGV[1] .. '\\nF\\n' .. frame)
            end
            return seq
            """);

    /**
     * KEYS: seq, route, this node's members. ARGV: participant, "<node> <connection>", ttl ms, channel prefix,
     * members-key prefix. Replaced sockets elsewhere get 4409; the participant moves to this node's members.
     */
    private static final RedisJson.Script ATTACH = new RedisJson.Script("""
            redis.call('SET', KEYS[1], 0, 'NX', 'PX', ARGV[3])
            local old = redis.call('GET', KEYS[2])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            redis.call('SADD', KEYS[3], ARGV[1])
            redis.call('PEXPIRE', KEYS[3], ARGV[3])
            if old and old ~= ARGV[2] then
              local node, conn = string.match(old, '^(%S+) (%S+)$')
              local mine = string.match(ARGV[2], '^(%S+)')
              if node and node ~= mine then
                redis.call('SREM', ARGV[5] .. node, ARGV[1])
                redis.call('PUBLISH', ARGV[4] .. node, ARGV[1] .. '\\nC\\n4409\\n' .. conn)
              end
            end
            return 1
            """);

    /** KEYS: route, this node's members. ARGV: "<node> <connection>", participant. Only if the route still names this socket. */
    private static final RedisJson.Script DETACH = new RedisJson.Script("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SREM', KEYS[2], ARGV[2])
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    /**
     * KEYS: nodes. ARGV: this node, lease end ms, now ms, members-key prefix, route-key prefix,
     * at most this many nodes taken over. Renews this node's lease; takes every node whose lease ended out of the
     * set (one caller wins each) and returns, first, 1 when this node's own lease had ended before (another node
     * took it over), then "<participant> <connection>" for each participant whose route still names a node taken
     * over, with the connection the route names.
     */
    private static final RedisJson.Script LEASE = new RedisJson.Script("""
            local lost = redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            local found = {tostring(lost)}
            for _, dead in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3], 'LIMIT', 0, tonumber(ARGV[6]))) do
              redis.call('ZREM', KEYS[1], dead)
              local members = ARGV[4] .. dead
              for _, id in ipairs(redis.call('SMEMBERS', members)) do
                local route = redis.call('GET', ARGV[5] .. id)
                if route then
                  local node, conn = string.match(route, '^(%S+) (%S+)$')
                  if node == dead then table.insert(found, id .. ' ' .. conn) end
                end
              end
              redis.call('DEL', members)
            end
            return found
            """);

    /** KEYS: route. ARGV: participant, code, channel prefix. */
    private static final RedisJson.Script CLOSE = new RedisJson.Script("""
            local route = redis.call('GET', KEYS[1])
            if not route then return 0 end
            local node = string.match(route, '^(%S+)')
            return redis.call('PUBLISH', ARGV[3] .. node, ARGV[1] .. '\\nC\\n' .. ARGV[2] .. '\\n*')
            """);

    /** KEYS: mailbox, seq, route. ARGV: participant, members-key prefix. Also out of the members of the node the route names. */
    private static final RedisJson.Script FORGET = new RedisJson.Script("""
            local route = redis.call('GET', KEYS[3])
            if route then
              local node = string.match(route, '^(%S+)')
              if node then redis.call('SREM', ARGV[2] .. node, ARGV[1]) end
            end
            return redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
            """);

    /** KEYS: mailbox. Removes the signal frames (as {@code Codec.isSignal} tells them), keeps the others in order. */
    private static final RedisJson.Script FORGET_SIGNALS = new RedisJson.Script("""
            local n = 0
            for _, f in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
              if string.find(f, '^{"v":1,"seq":%d+,"type":"signal",') then n = n + redis.call('LREM', KEYS[1], 1, f) end
            end
            return n
            """);

    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> sub;
    private final String node;
    private final String channelPrefix = RedisKeys.nodeChannel("");
    private final String membersPrefix = RedisKeys.nodeMembers("");
    private volatile boolean renewed;
    private final Map<ParticipantId, Socket> local = new ConcurrentHashMap<>();

    public RedisDelivery(RedisConnections connections, String nodeId) {
        this.redis = connections.strings().sync();
        this.node = nodeId;
        this.sub = connections.pubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage(message);
            }
        });
        sub.sync().subscribe(RedisKeys.nodeChannel(nodeId));
    }

    @Override
    public void attach(ParticipantId id, Socket socket) {
        Socket old = local.put(id, socket);
        if (old != null && !old.connectionId().equals(socket.connectionId())) {
            old.close(CloseCodes.REPLACED);
        }
        ATTACH.run(redis, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.mailboxSeq(id.value()), RedisKeys.route(id.value()), RedisKeys.nodeMembers(node)},
                id.value(), node + " " + socket.connectionId(), String.valueOf(RedisJson.SAFETY_TTL.toMillis()), channelPrefix,
                membersPrefix);
    }

    @Override
    public void detach(ParticipantId id, Socket socket) {
        local.remove(id, socket);
        DETACH.run(redis, ScriptOutputType.INTEGER, new String[] {RedisKeys.route(id.value()), RedisKeys.nodeMembers(node)},
                node + " " + socket.connectionId(), id.value());
    }

    @Override
    public Lease renewLease(Instant now, Duration lease) {
        List<String> found = LEASE.run(redis, ScriptOutputType.MULTI,
                new String[] {RedisKeys.nodes()}, node,
                String.valueOf(now.plus(lease).toEpochMilli()), String.valueOf(now.toEpochMilli()), membersPrefix,
                RedisKeys.route(""), String.valueOf(TAKE_OVER_NODES));
        boolean lost = "1".equals(found.get(0)) && renewed;
        renewed = true;
        if (lost) {
            // Another node has let this node's participants go (dropped, within a resume window): their sockets
            // here go too, so that their clients reconnect and resume.
            local.forEach((id, socket) -> socket.close(CloseCodes.GOING_AWAY));
        }
        return new Lease(lost, found.subList(1, found.size()).stream().map(o -> {
            int space = o.indexOf(' ');
            return new Orphan(new ParticipantId(o.substring(0, space)), o.substring(space + 1));
        }).toList());
    }

    @Override
    public long deliver(ParticipantId to, String eventBody) {
        Long seq = DELIVER.run(redis, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.mailboxSeq(to.value()), RedisKeys.mailbox(to.value()), RedisKeys.route(to.value())},
                to.value(), eventBody, String.valueOf(MAILBOX_EVENTS), String.valueOf(RedisJson.SAFETY_TTL.toMillis()),
                channelPrefix);
        return seq;
    }

    @Override
    public void close(ParticipantId id, int code) {
        CLOSE.run(redis, ScriptOutputType.INTEGER, new String[] {RedisKeys.route(id.value())}, id.value(),
                String.valueOf(code), channelPrefix);
    }

    @Override
    public List<String> replay(ParticipantId id, long afterSeq) {
        return redis.lrange(RedisKeys.mailbox(id.value()), 0, -1).stream().filter(f -> Codec.seqOf(f) > afterSeq).toList();
    }

    @Override
    public void forget(ParticipantId id) {
        FORGET.run(redis, ScriptOutputType.INTEGER,
                new String[] {RedisKeys.mailbox(id.value()), RedisKeys.mailboxSeq(id.value()), RedisKeys.route(id.value())},
                id.value(), membersPrefix);
    }

    @Override
    public void forgetSignals(ParticipantId id) {
        FORGET_SIGNALS.run(redis, ScriptOutputType.INTEGER, new String[] {RedisKeys.mailbox(id.value())});
    }

    private void onMessage(String message) {
        int a = message.indexOf('\n');
        if (a < 0 || message.length() < a + 3) {
            return;
        }
        Socket s;
        try {
            s = local.get(new ParticipantId(message.substring(0, a)));
        } catch (IllegalArgumentException e) {
            LOG.warn("dropped a malformed cluster message");
            return;
        }
        if (s == null) {
            return;
        }
        char kind = message.charAt(a + 1);
        String rest = message.substring(a + 3);
        if (kind == 'F') {
            s.send(rest);
        } else if (kind == 'C') {
            int b = rest.indexOf('\n');
            String conn = b < 0 ? "*" : rest.substring(b + 1);
            if (conn.equals("*") || conn.equals(s.connectionId())) {
                s.close(Integer.parseInt(b < 0 ? rest : rest.substring(0, b)));
            }
        }
    }

    @Override
    public void close() {
        sub.close();
    }
}
