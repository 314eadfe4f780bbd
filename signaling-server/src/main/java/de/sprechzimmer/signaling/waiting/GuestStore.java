package de.sprechzimmer.signaling.waiting;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Guests (by id and by token hash) and each doctor's waiting list. */
public interface GuestStore {

    /** Creates or replaces the guest; kept until its token expires. */
    void put(Guest guest);

    Optional<Guest> byId(ParticipantId id, Instant now);

    Optional<Guest> byTokenHash(String tokenHash, Instant now);

    /** One place in a doctor's waiting list. */
    record Waiting(ParticipantId guest, Instant since) {
    }

    /** Puts the guest on the doctor's list (keeps the first {@code since} if already there). */
    void enqueue(AccountId doctor, ParticipantId guest, Instant since);

    /** Takes the guest off the list; true only for the one caller that actually removed it (admit races). */
    boolean dequeue(AccountId doctor, ParticipantId guest);

    /** The doctor's waiting list, longest waiting first. */
    List<Waiting> waiting(AccountId doctor);

    default void purgeExpired(Instant now) {
    }
}
