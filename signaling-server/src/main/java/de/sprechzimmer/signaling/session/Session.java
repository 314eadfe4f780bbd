package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import de.sprechzimmer.signaling.ids.PracticeId;
import de.sprechzimmer.signaling.ids.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consultation: the doctor's account and the members in the order they joined. The order decides the
 * perfect-negotiation roles: of each pair, the member who joined earlier is impolite, the newcomer polite.
 *
 * @param maxGuests mesh limit: doctor + this many guests
 * @param peakMembers most members at once (for statistics)
 */
public record Session(SessionId id, AccountId account, PracticeId practice, Instant startedAt, List<Member> members,
                      int peakMembers) {

    public static final int MAX_GUESTS = 3;

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(practice, "practice");
        Objects.requireNonNull(startedAt, "startedAt");
        members = List.copyOf(members);
        if (members.stream().map(Member::id).distinct().count() != members.size()) {
            throw new IllegalArgumentException("duplicate member");
        }
    }

    public Optional<Member> member(ParticipantId p) {
        return members.stream().filter(m -> m.id().equals(p)).findFirst();
    }

    public boolean has(ParticipantId p) {
        return member(p).isPresent();
    }

    /** Whether {@code self} is the polite side towards {@code peer}: it joined after the peer. */
    public boolean polite(ParticipantId self, ParticipantId peer) {
        int s = indexOf(self);
        int p = indexOf(peer);
        if (s < 0 || p < 0 || s == p) {
            throw new IllegalArgumentException("not two members of this session");
        }
        return s > p;
    }

    public long guests() {
        return members.stream().filter(m -> m.role() == Role.GUEST).count();
    }

    /** This session with {@code m} appended, unless it is full (guests beyond {@link #MAX_GUESTS}). */
    public Optional<Session> with(Member m) {
        if (has(m.id())) {
            return Optional.of(this);
        }
        if (m.role() == Role.GUEST && guests() >= MAX_GUESTS) {
            return Optional.empty();
        }
        List<Member> next = new java.util.ArrayList<>(members);
        next.add(m);
        return Optional.of(new Session(id, account, practice, startedAt, next, Math.max(peakMembers, next.size())));
    }

    public Session without(ParticipantId p) {
        return new Session(id, account, practice, startedAt,
                members.stream().filter(m -> !m.id().equals(p)).toList(), peakMembers);
    }

    private int indexOf(ParticipantId p) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).id().equals(p)) {
                return i;
            }
        }
        return -1;
    }
}
