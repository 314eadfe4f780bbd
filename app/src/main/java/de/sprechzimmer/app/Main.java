package de.sprechzimmer.app;

import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.config.SettingsTable;
import de.sprechzimmer.common.net.NettyDefaults;
import de.sprechzimmer.signaling.SignalingSettings;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar sprechzimmer.jar}: the embedded default, every service in one JVM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sprechzimmer-logback.xml");
        }
        NettyDefaults.apply();
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("Sprechzimmer: video consultations. Usage: ./start.sh [--setting value ...]");
            System.out.println("Every setting is also an environment variable and a config-file key:");
            System.out.print(SettingsTable.help(AppSettings.all()));
            return;
        }
        if (Arrays.asList(args).contains("--settings-table")) {
            System.out.print(SettingsTable.markdown(AppSettings.all()));
            return;
        }
        Settings settings;
        Sprechzimmer app;
        try {
            settings = Settings.load(args, System.getenv(), AppSettings.all());
            app = Sprechzimmer.start(settings, System.out);
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println(banner(settings, app));
        stopped.await();
    }

    static String banner(Settings s, Sprechzimmer app) {
        String base = s.optional(SignalingSettings.PUBLIC_URL).map(u -> u.replaceAll("/+$", ""))
                .orElse("http://localhost:" + app.httpPort());
        StringBuilder b = new StringBuilder();
        b.append("Sprechzimmer is ready: ").append(base).append("/  (doctors: ").append(base).append("/praxis)");
        b.append(System.lineSeparator()).append("  stores: ").append(app.distributed() ? "Redis" : "in memory (embedded default)");
        app.turnPorts().ifPresent(p -> b.append(System.lineSeparator()).append("  TURN relay: udp/tcp ").append(p.udp())
                .append(p.tls().isPresent() ? ", tls " + p.tls().getAsInt() : ""));
        b.append(System.lineSeparator()).append("  metrics and health: http://127.0.0.1:").append(app.adminPort()).append("/metrics");
        return b.toString();
    }
}
