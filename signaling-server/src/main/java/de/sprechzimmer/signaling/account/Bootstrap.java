package de.sprechzimmer.signaling.account;

import de.sprechzimmer.common.ids.Tokens;
import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The first account. On a store with no account, creates one from the configured login and password; without a
 * password it makes a random one and prints one login line on the console (System.out, never the logger, so
 * it does not land in log files). The account holds both roles and belongs to a new practice.
 */
public final class Bootstrap {

    public static final String DEFAULT_LOGIN = "admin";

    private Bootstrap() {
    }

    /** Runs once at start; {@code afterCreate} adds the default room. Returns the new account, if one was made. */
    public static Optional<Account> ensureFirstAccount(Accounts accounts, Optional<String> login,
                                                       Optional<String> password, PrintStream console,
                                                       Consumer<Account> afterCreate) {
        if (!accounts.noAccounts()) {
            return Optional.empty();
        }
        String l = login.orElse(DEFAULT_LOGIN);
        String p = password.orElseGet(() -> Tokens.randomBytes(12));
        Account a = accounts.createWithPractice("Praxis", l, p, "Praxis-Administration",
                Set.of(Role.PROVIDER, Role.PRACTICE_ADMIN));
        afterCreate.accept(a);
        if (password.isEmpty()) {
            console.println("Sprechzimmer: first login created: user '" + a.login() + "', password '" + p
                    + "' (shown once; change it or set SPRECHZIMMER_BOOTSTRAP_PASSWORD)");
        }
        return Optional.of(a);
    }
}
