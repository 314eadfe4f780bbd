package de.sprechzimmer.signaling.waiting;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default. */
public final class InMemoryGuestStore implements GuestStore {

    private final Map<ParticipantId, Guest> guests = new ConcurrentHashMap<>();
    private final Map<String, ParticipantId> byToken = new ConcurrentHashMap<>();
    private final Map<AccountId, Map<ParticipantId, Instant>> lists = new ConcurrentHashMap<>();

    @Override
    public void put(Guest guest) {
        guests.put(guest.id(), guest);
        byToken.put(guest.tokenHash(), guest.id());
    }

    @Override
    public Optional<Guest> byId(ParticipantId id, Instant now) {
        return Optional.ofNullable(guests.get(id)).filter(g -> g.expiresAt().isAfter(now));
    }

    @Override
    public Optional<Guest> byTokenHash(String tokenHash, Instant now) {
        ParticipantId id = byToken.get(tokenHash);
        return id == null ? Optional.empty() : byId(id, now);
    }

    @Override
    public void enqueue(AccountId doctor, ParticipantId guest, Instant since) {
        lists.computeIfAbsent(doctor, d -> new ConcurrentHashMap<>()).putIfAbsent(guest, since);
    }

    @Override
    public boolean dequeue(AccountId doctor, ParticipantId guest) {
        Map<ParticipantId, Instant> list = lists.get(doctor);
        return list != null && list.remove(guest) != null;
    }

    @Override
    public List<Waiting> waiting(AccountId doctor) {
        Map<ParticipantId, Instant> list = lists.getOrDefault(doctor, Map.of());
        return list.entrySet().stream().map(e -> new Waiting(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Waiting::since).thenComparing(w -> w.guest().value())).toList();
    }

    @Override
    public void purgeExpired(Instant now) {
        guests.values().removeIf(g -> {
            boolean gone = !g.expiresAt().isAfter(now);
            if (gone) {
                byToken.remove(g.tokenHash(), g.id());
                Map<ParticipantId, Instant> list = lists.get(g.doctor());
                if (list != null) {
                    list.remove(g.id());
                }
            }
            return gone;
        });
    }
}
