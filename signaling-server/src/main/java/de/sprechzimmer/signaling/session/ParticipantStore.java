package de.sprechzimmer.signaling.session;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Participants of the protocol, findable by id, by resume-token hash, and (doctors) by account. */
public interface ParticipantStore {

    /** Creates or replaces; a replaced resume hash stops resolving. */
    void put(Participant participant);

    Optional<Participant> get(ParticipantId id);

    Optional<Participant> byResumeHash(String resumeHash);

    void remove(ParticipantId id);

    /** The doctor participants (tabs) of an account, connected or within their resume window. */
    Set<ParticipantId> doctors(AccountId account);

    /**
     * Dropped participants whose resume window ended before {@code before} and who are still stored: normally the
     * node that held their socket lets them go when the window ends; these are the ones it did not (it stopped).
     * At most {@code limit}, earliest first.
     */
    List<Participant> lapsed(Instant before, int limit);

    /**
     * Claims a participant {@link #lapsed} listed, so that of several nodes sweeping at once only one lets it go:
     * true once, false to every later caller and after the participant connected again or went.
     */
    boolean claimLapsed(ParticipantId id);
}
