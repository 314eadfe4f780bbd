package de.sprechzimmer.signaling.redis;

/**
 * Every Redis key and channel name of the signaling server, in one place. All start with {@code sz:sig:}; ids in
 * keys are random ids or token hashes, never names, codes typed by a person or addresses - except the access-code
 * index, whose key holds the code itself (the doctor must be able to see it, so it is stored anyway).
 */
public final class RedisKeys {

    public static final String PREFIX = "sz:sig:";

    private RedisKeys() {
    }

    public static String practice(String id) {
        return PREFIX + "practice:" + id;
    }

    public static String account(String id) {
        return PREFIX + "account:" + id;
    }

    public static String login(String login) {
        return PREFIX + "login:" + login;
    }

    public static String practiceAccounts(String practiceId) {
        return PREFIX + "practice-accounts:" + practiceId;
    }

    public static final String ACCOUNT_COUNT = PREFIX + "accounts";

    public static String loginToken(String hash) {
        return PREFIX + "token:" + hash;
    }

    public static String room(String id) {
        return PREFIX + "room:" + id;
    }

    public static String accountRooms(String accountId) {
        return PREFIX + "account-rooms:" + accountId;
    }

    public static String code(String id) {
        return PREFIX + "code:" + id;
    }

    public static String codeValue(String canonical) {
        return PREFIX + "code-value:" + canonical;
    }

    public static String roomCodes(String roomId) {
        return PREFIX + "room-codes:" + roomId;
    }

    public static String guest(String id) {
        return PREFIX + "guest:" + id;
    }

    public static String guestToken(String hash) {
        return PREFIX + "guest-token:" + hash;
    }

    public static String waiting(String accountId) {
        return PREFIX + "waiting:" + accountId;
    }

    public static String session(String id) {
        return PREFIX + "session:" + id;
    }

    public static String sessionMembers(String id) {
        return PREFIX + "session-members:" + id;
    }

    /** Set of {@code SessionUsage} marks: guests who took part, features, connection kinds. */
    public static String sessionUsage(String id) {
        return PREFIX + "session-usage:" + id;
    }

    public static String currentSession(String accountId) {
        return PREFIX + "current-session:" + accountId;
    }

    public static String participant(String id) {
        return PREFIX + "participant:" + id;
    }

    public static String resume(String hash) {
        return PREFIX + "resume:" + hash;
    }

    /** Sorted set: participants dropped from their socket, scored by the end of their resume window (ms). */
    public static String resumeDeadlines() {
        return PREFIX + "resume-deadlines";
    }

    public static String doctors(String accountId) {
        return PREFIX + "doctors:" + accountId;
    }

    public static String mailbox(String participantId) {
        return PREFIX + "mailbox:" + participantId;
    }

    public static String mailboxSeq(String participantId) {
        return PREFIX + "mailbox-seq:" + participantId;
    }

    public static String route(String participantId) {
        return PREFIX + "route:" + participantId;
    }

    /** Sorted set: the live signaling nodes, scored by the end of their lease (ms). */
    public static String nodes() {
        return PREFIX + "nodes";
    }

    /** Set: the participants whose route names this node. */
    public static String nodeMembers(String nodeId) {
        return PREFIX + "node-members:" + nodeId;
    }

    /** Pub/sub channel of one signaling node: frames and close orders for the sockets it holds. */
    public static String nodeChannel(String nodeId) {
        return PREFIX + "node:" + nodeId;
    }
}
