package de.sprechzimmer.turn.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Long-term users with fixed passwords, for tests and small setups ({@code user:password,user2:password2}). */
public final class StaticUsers implements Credentials {

    private final Map<String, String> passwords;

    public StaticUsers(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** Parses {@code user:password} pairs separated by commas; the password may contain ':'. */
    public static StaticUsers parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new IllegalArgumentException("static users are user:password pairs separated by commas");
            }
            out.put(p.substring(0, colon), p.substring(colon + 1));
        }
        return new StaticUsers(out);
    }

    @Override
    public Optional<String> password(String username) {
        return Optional.ofNullable(passwords.get(username));
    }
}
