package de.sprechzimmer.signaling.account;

import de.sprechzimmer.signaling.ids.AccountId;
import de.sprechzimmer.signaling.ids.PracticeId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An account of a practice. {@code login} is kept lower-case (logins are case-insensitive);
 * {@code passwordHash} is an Argon2id PHC string, never a password.
 */
public record Account(AccountId id, PracticeId practiceId, String login, String displayName, Set<Role> roles,
                      String passwordHash, Instant createdAt) {

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9._@-]{3,64}");

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        login = normalizeLogin(login);
        if (!validLogin(login)) {
            throw new IllegalArgumentException("login must be 3-64 characters of a-z 0-9 . _ @ -");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw new IllegalArgumentException("displayName must be 1-100 characters");
        }
        roles = Set.copyOf(roles);
    }

    public static String normalizeLogin(String login) {
        return login == null ? null : login.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean validLogin(String normalized) {
        return normalized != null && LOGIN.matcher(normalized).matches();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
