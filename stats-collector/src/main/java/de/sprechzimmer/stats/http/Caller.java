package de.sprechzimmer.stats.http;

import de.sprechzimmer.common.http.HttpError;
import de.sprechzimmer.common.http.HttpExchange;
import de.sprechzimmer.common.privacy.Pseudonymizer;
import de.sprechzimmer.common.session.SessionTickets;

/**
 * Who asks, from the {@code stats} ticket signaling issued after login ({@code sessionId} = practice id,
 * {@code participantId} = account id, {@code role} = doctor or admin). The raw ids are pseudonymised at once and
 * not kept: the collector filters by pseudonyms only.
 */
record Caller(String practice, String account, boolean admin) {

    static final String TICKET_SCOPE = "stats";

    static Caller of(HttpExchange ex, SessionTickets tickets, Pseudonymizer pseudonymizer) {
        SessionTickets.Ticket t = ex.bearerToken().flatMap(token -> tickets.verify(token, TICKET_SCOPE))
                .orElseThrow(HttpError::unauthorized);
        if (t.sessionId() == null || t.participantId() == null) {
            throw HttpError.unauthorized();
        }
        boolean admin = switch (t.role() == null ? "" : t.role()) {
            case "admin" -> true;
            case "doctor" -> false;
            default -> throw HttpError.forbidden("Statistics are for doctors and practice admins");
        };
        return new Caller(pseudonymizer.pseudonym("practice", t.sessionId()),
                pseudonymizer.pseudonym("account", t.participantId()), admin);
    }
}
