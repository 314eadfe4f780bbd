package de.sprechzimmer.turn.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** coturn's test tools as processes: {@code turnutils_peer} (UDP echo) and {@code turnutils_uclient}. Stopped by PID. */
final class CoturnTools {

    private CoturnTools() {
    }

    /** A running turnutils_peer, answered once before this returns. */
    static final class Peer implements AutoCloseable {
        final int port;
        private final Process process;

        Peer(int port) throws IOException {
            this.port = port;
            this.process = new ProcessBuilder("turnutils_peer", "-p", String.valueOf(port), "-L", "127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitEcho();
        }

        private void awaitEcho() throws IOException {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                probe.setSoTimeout(100);
                Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
                while (Instant.now().isBefore(deadline)) {
                    if (!process.isAlive()) {
                        throw new IOException("turnutils_peer exited");
                    }
                    probe.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getLoopbackAddress(), port));
                    try {
                        probe.receive(new DatagramPacket(new byte[16], 16));
                        return;
                    } catch (SocketTimeoutException notYet) {
                        // probe again
                    }
                }
            }
            throw new IOException("turnutils_peer did not answer");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** What turnutils_uclient printed at the end of a run. */
    record Result(int exitCode, long sent, long received, long lost, double meanRttMs, String output) {

        private static final Pattern MSGS = Pattern.compile("tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)\\s*$", Pattern.MULTILINE);
        private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+)");
        private static final Pattern RTT = Pattern.compile("Average round trip delay ([0-9.]+) ms");

        static Result parse(int exitCode, String output) {
            long sent = -1;
            long received = -1;
            Matcher m = MSGS.matcher(output);
            while (m.find()) {
                sent = Long.parseLong(m.group(1));
                received = Long.parseLong(m.group(2));
            }
            Matcher lost = LOST.matcher(output);
            Matcher rtt = RTT.matcher(output);
            return new Result(exitCode, sent, received, lost.find() ? Long.parseLong(lost.group(1)) : -1,
                    rtt.find() ? Double.parseDouble(rtt.group(1)) : -1, output);
        }

        String tail() {
            String[] lines = output.split("\n");
            return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 12), lines.length));
        }
    }

    /** Runs turnutils_uclient against 127.0.0.1:{@code port} with REST API credentials and the given flags. */
    static Result uclient(int port, String secret, List<String> flags, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("turnutils_uclient", "-p", String.valueOf(port), "-W", secret, "-u", "interop"));
        cmd.addAll(flags);
        cmd.add("127.0.0.1");
        Path out = Files.createTempFile("uclient", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return Result.parse(-1, Files.readString(out, StandardCharsets.UTF_8));
            }
            return Result.parse(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
