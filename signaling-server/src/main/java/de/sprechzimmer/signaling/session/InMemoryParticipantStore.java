package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default. */
public final class InMemoryParticipantStore implements ParticipantStore {

    private final Map<ParticipantId, Participant> participants = new ConcurrentHashMap<>();
    private final Map<String, ParticipantId> byResume = new ConcurrentHashMap<>();
    private final Map<AccountId, Set<ParticipantId>> doctors = new ConcurrentHashMap<>();

    @Override
    public void put(Participant p) {
        Participant old = participants.put(p.id(), p);
        if (old != null && !old.resumeHash().equals(p.resumeHash())) {
            byResume.remove(old.resumeHash(), p.id());
        }
        byResume.put(p.resumeHash(), p.id());
        if (p.role() == Role.DOCTOR) {
            doctors.computeIfAbsent(p.account(), a -> ConcurrentHashMap.newKeySet()).add(p.id());
        }
    }

    @Override
    public Optional<Participant> get(ParticipantId id) {
        return Optional.ofNullable(participants.get(id));
    }

    @Override
    public Optional<Participant> byResumeHash(String resumeHash) {
        ParticipantId id = byResume.get(resumeHash);
        return id == null ? Optional.empty() : get(id);
    }

    @Override
    public void remove(ParticipantId id) {
        Participant old = participants.remove(id);
        if (old != null) {
            byResume.remove(old.resumeHash(), id);
            Set<ParticipantId> set = doctors.get(old.account());
            if (set != null) {
                set.remove(id);
                if (set.isEmpty()) {
                    doctors.remove(old.account(), set);
                }
            }
        }
    }

    @Override
    public List<Participant> lapsed(Instant before, int limit) {
        return participants.values().stream().filter(p -> !p.connected() && p.resumeDeadline().isBefore(before))
                .sorted(Comparator.comparing(Participant::resumeDeadline)).limit(limit).toList();
    }

    @Override
    public boolean claimLapsed(ParticipantId id) {
        return participants.containsKey(id); // one node: its sweep is the only one
    }

    @Override
    public Set<ParticipantId> doctors(AccountId account) {
        Set<ParticipantId> set = doctors.get(account);
        return set == null ? Set.of() : Set.copyOf(set);
    }
}
