package de.sprechzimmer.signaling.account;

import de.sprechzimmer.signaling.ids.AccountId;
import java.time.Instant;
import java.util.Objects;

/** A login (bearer) token as stored: only its SHA-256 hash, whose account, and until when. */
public record LoginToken(String tokenHash, AccountId accountId, Instant expiresAt) {

    public LoginToken {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
