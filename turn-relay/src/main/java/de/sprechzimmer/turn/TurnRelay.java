package de.sprechzimmer.turn;

import de.sprechzimmer.common.config.CommonSettings;
import de.sprechzimmer.common.config.ConfigException;
import de.sprechzimmer.common.config.Settings;
import de.sprechzimmer.common.net.Transports;
import de.sprechzimmer.common.time.Scheduler;
import de.sprechzimmer.turn.allocation.Lifetimes;
import de.sprechzimmer.turn.allocation.RelayPorts;
import de.sprechzimmer.turn.auth.Authenticator;
import de.sprechzimmer.turn.auth.Credentials;
import de.sprechzimmer.turn.auth.Nonces;
import de.sprechzimmer.turn.auth.RestApiCredentials;
import de.sprechzimmer.turn.auth.StaticUsers;
import de.sprechzimmer.turn.policy.AllocationQuota;
import de.sprechzimmer.turn.policy.Cidr;
import de.sprechzimmer.turn.policy.PeerPolicy;
import de.sprechzimmer.turn.server.LocalAddresses;
import de.sprechzimmer.turn.server.RelayAddresses;
import de.sprechzimmer.turn.server.ServerConfig;
import de.sprechzimmer.turn.server.TlsContexts;
import de.sprechzimmer.turn.server.TurnServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TURN relay as one part: built from {@link TurnSettings#all()}, started, closed. The embedded app and the
 * standalone {@link Main} both use this.
 *
 * <pre>
 * TurnRelay relay = new TurnRelay(settings, registry, scheduler);
 * TurnRelay.BoundPorts ports = relay.start();
 * ...
 * relay.close();
 * </pre>
 */
public final class TurnRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TurnRelay.class);

    private final Settings settings;
    private final Scheduler scheduler;
    private final TurnServer server;
    private final RelayAddresses relayAddresses;

    public TurnRelay(Settings settings, MeterRegistry registry, Scheduler scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
        List<Credentials> credentials = new ArrayList<>();
        settings.optional(CommonSettings.TURN_SECRET).ifPresent(s -> credentials.add(
                parse(CommonSettings.TURN_SECRET.flag(), () -> new RestApiCredentials(s, scheduler.clock()))));
        settings.optional(TurnSettings.STATIC_USERS).ifPresent(s -> credentials.add(parse(TurnSettings.STATIC_USERS.flag(), () -> StaticUsers.parse(s))));
        if (credentials.isEmpty()) {
            throw new ConfigException("The TURN relay needs " + CommonSettings.TURN_SECRET.flag() + " ("
                    + CommonSettings.TURN_SECRET.envName() + ") or " + TurnSettings.STATIC_USERS.flag());
        }
        int minPort = settings.get(TurnSettings.MIN_PORT);
        int maxPort = settings.get(TurnSettings.MAX_PORT);
        if (minPort < 1 || minPort > maxPort) {
            throw new ConfigException("Relay port range " + minPort + "-" + maxPort + " is empty");
        }
        this.relayAddresses = parse(TurnSettings.RELAY_IP.flag(), () -> RelayAddresses.resolve(
                list(settings.optional(TurnSettings.RELAY_IP)), list(Optional.of(settings.get(TurnSettings.LISTEN_IP))),
                list(settings.optional(TurnSettings.EXTERNAL_IP))));
        ServerConfig config = new ServerConfig(
                Lifetimes.RFC8656.withRfc5766Channels(settings.get(TurnSettings.RFC5766_CHANNELS)),
                relayAddresses,
                new PeerPolicy(parse(TurnSettings.ALLOWED_PEERS.flag(), () -> Cidr.parseList(settings.get(TurnSettings.ALLOWED_PEERS)))),
                new AllocationQuota(settings.get(TurnSettings.USER_QUOTA), settings.get(TurnSettings.TOTAL_QUOTA)),
                settings.get(TurnSettings.MAX_BPS),
                settings.get(TurnSettings.MAX_PERMISSIONS));
        Authenticator auth = new Authenticator(settings.get(TurnSettings.REALM),
                new Nonces(scheduler.clock(), settings.get(TurnSettings.NONCE_LIFETIME)), credentials);
        this.server = new TurnServer(config, auth, new RelayPorts(minPort, maxPort, scheduler.clock()), registry,
                scheduler, settings.get(TurnSettings.THREADS));
    }

    /** Binds every listener; the ports actually bound (useful with port 0). */
    public BoundPorts start() throws InterruptedException {
        int port = settings.get(TurnSettings.PORT);
        Optional<Integer> tlsPort = settings.optional(TurnSettings.TLS_PORT);
        SslContext tls = tlsPort.isPresent() ? tlsContext() : null;
        int udp = port;
        int tcp = port;
        Integer boundTls = null;
        for (InetAddress ip : listenAddresses()) {
            udp = server.bindUdp(ip, udp);
            if (ip.isAnyLocalAddress() && Transports.epoll()) {
                // UDP answers must leave from the address the client sent to (see LocalAddresses); SO_REUSEPORT
                // lets these share the wildcard's port. The wildcard listener keeps serving any other address.
                for (InetAddress own : LocalAddresses.behind(ip)) {
                    server.bindUdp(own, udp);
                }
            }
            tcp = server.bindStream(ip, tcp == 0 ? udp : tcp, null);
            if (tls != null) {
                boundTls = server.bindStream(ip, boundTls == null ? tlsPort.get() : boundTls, tls);
            }
        }
        server.startSweeping();
        LOG.info("TURN relay listening: udp {} tcp {} tls {}; relay addresses {}", udp, tcp,
                boundTls == null ? "off" : boundTls, relayAddresses.bindAddresses().values());
        return new BoundPorts(udp, tcp, boundTls == null ? OptionalInt.empty() : OptionalInt.of(boundTls));
    }

    /** Live allocations, for readiness and tests. */
    public int allocations() {
        return server.sessionCount();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The ports the relay listens on. */
    public record BoundPorts(int udp, int tcp, OptionalInt tls) {
    }

    private SslContext tlsContext() {
        Optional<String> cert = settings.optional(TurnSettings.TLS_CERT);
        Optional<String> key = settings.optional(TurnSettings.TLS_KEY);
        try {
            if (cert.isPresent() && key.isPresent()) {
                return TlsContexts.fromPem(new File(cert.get()), new File(key.get()));
            }
            if (cert.isPresent() || key.isPresent()) {
                throw new ConfigException("Give both " + TurnSettings.TLS_CERT.flag() + " and " + TurnSettings.TLS_KEY.flag());
            }
            LOG.warn("No TLS certificate configured: generated a self-signed certificate for the TURN TLS listener");
            return TlsContexts.selfSigned(settings.get(TurnSettings.REALM), scheduler.clock());
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("TLS certificate or key cannot be used: " + e.getMessage());
        }
    }

    private List<InetAddress> listenAddresses() {
        List<InetAddress> out = new ArrayList<>();
        for (String s : list(Optional.of(settings.get(TurnSettings.LISTEN_IP)))) {
            try {
                out.add(InetAddress.getByName(s));
            } catch (UnknownHostException e) {
                throw new ConfigException("Invalid value for " + TurnSettings.LISTEN_IP.flag() + ": " + s);
            }
        }
        return out;
    }

    private static List<String> list(Optional<String> text) {
        return text.map(t -> Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
    }

    private static <T> T parse(String flag, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid value for " + flag + ": " + e.getMessage());
        }
    }
}
