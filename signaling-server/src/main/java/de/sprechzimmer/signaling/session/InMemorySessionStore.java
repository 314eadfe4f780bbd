package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default; atomicity from {@link ConcurrentHashMap#compute}. */
public final class InMemorySessionStore implements SessionStore {

    private final Map<SessionId, Session> sessions = new ConcurrentHashMap<>();
    private final Map<AccountId, SessionId> current = new ConcurrentHashMap<>();
    private final Map<SessionId, Set<String>> marks = new ConcurrentHashMap<>();

    @Override
    public void create(Session session) {
        sessions.put(session.id(), session);
        current.put(session.account(), session.id());
    }

    @Override
    public Optional<Session> get(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public Optional<SessionId> current(AccountId account) {
        return Optional.ofNullable(current.get(account)).filter(sessions::containsKey);
    }

    @Override
    public Join join(SessionId id, Member member) {
        Join[] result = new Join[1];
        sessions.computeIfPresent(id, (k, s) -> {
            Optional<Session> next = s.with(member);
            result[0] = next.map(n -> new Join(JoinOutcome.JOINED, n)).orElse(new Join(JoinOutcome.FULL, s));
            if (next.isPresent() && member.role() == Role.GUEST) {
                marksOf(k).add(SessionUsage.guest(member.id()));
            }
            return next.orElse(s);
        });
        return result[0] == null ? new Join(JoinOutcome.NO_SESSION, null) : result[0];
    }

    @Override
    public void note(SessionId id, String mark) {
        // under the session's entry: a note cannot slip in after delete and leave marks behind
        sessions.computeIfPresent(id, (k, s) -> {
            marksOf(k).add(mark);
            return s;
        });
    }

    @Override
    public SessionUsage usage(SessionId id) {
        Set<String> m = marks.get(id);
        return m == null ? SessionUsage.NONE : SessionUsage.of(Set.copyOf(m));
    }

    private Set<String> marksOf(SessionId id) {
        return marks.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public Optional<Session> leave(SessionId id, ParticipantId member) {
        return Optional.ofNullable(sessions.computeIfPresent(id, (k, s) -> s.without(member)));
    }

    @Override
    public boolean delete(SessionId id) {
        Session s = sessions.remove(id);
        if (s == null) {
            return false;
        }
        marks.remove(id);
        current.remove(s.account(), id);
        return true;
    }
}
