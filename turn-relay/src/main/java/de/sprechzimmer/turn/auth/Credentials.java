package de.sprechzimmer.turn.auth;

import java.util.Optional;

/** Where passwords come from: the TURN REST API secret or static users. */
public interface Credentials {

    /**
     * The password of {@code username}, empty when this source does not know the user.
     *
     * @throws AuthException with {@link AuthFailure#EXPIRED} for a REST API username past its expiry
     */
    Optional<String> password(String username);
}
