package de.sprechzimmer.turn;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Setting;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.config.SettingsTable;
import de.sprechzimmer.common.metrics.AdminServer;
import de.sprechzimmer.common.metrics.Metrics;
import de.sprechzimmer.common.net.NettyDefaults;
import de.sprechzimmer.common.time.ExecutorScheduler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The standalone relay: {@code java -jar sprechzimmer-turn.jar [--turn-port 3478 ...]}, with its own admin port. */
public final class Main {

    static {
        // The standalone jar's log configuration; the thin jar that the app embeds must not bring a logback.xml.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sprechzimmer-turn-logback.xml");
        }
        NettyDefaults.apply();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(TurnSettings.all());
        all.add(CommonSettings.ADMIN_HOST);
        all.add(CommonSettings.ADMIN_PORT);
        return all;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Sprechzimmer TURN relay. Settings (flag, environment variable, config file key):");
            System.out.print(SettingsTable.help(settings()));
            return;
        }
        Settings settings;
        try {
            settings = Settings.load(args, System.getenv(), settings());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry registry = Metrics.newRegistry("turn-relay");
        ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "turn-scheduler");
        TurnRelay relay;
        try {
            relay = new TurnRelay(settings, registry, scheduler);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        relay.start();
        AdminServer admin = new AdminServer(settings.get(CommonSettings.ADMIN_HOST), settings.get(CommonSettings.ADMIN_PORT), registry);
        admin.check("turn", () -> true);
        admin.start();
        tenureStartupObjects();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("TURN relay stopping");
            admin.close();
            relay.close();
            scheduler.close();
            stopped.countDown();
        }, "turn-shutdown"));
        stopped.await();
    }

    /**
     * What the start leaves alive (loaded classes' statics, Netty's pools, the meter registry: a few MB) would
     * otherwise be copied from survivor space to survivor space at every young collection until it is old enough,
     * and with the Parallel collector each of those collections stopped the relay for 20-25 ms under load. One full
     * collection right after the start moves it all to the old generation, so that young collections see little
     * more than per-packet garbage (docs/turn-relay.md, Deployment). Ignored under {@code -XX:+DisableExplicitGC}.
     */
    private static void tenureStartupObjects() {
        System.gc();
    }
}
