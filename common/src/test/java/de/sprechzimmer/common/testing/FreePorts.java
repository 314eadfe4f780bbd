package de.sprechzimmer.common.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free ports on loopback for servers a test starts (Redis, a relay, coturn's peer). They come from 20000-32767,
 * below Linux's ephemeral range (32768-60999) and the relay's allocation range (49152-65535), so a client socket
 * or an allocation made meanwhile cannot take a port between our check and the server's bind; and never the same
 * port twice in one JVM.
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int COUNT = 12_768;
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(COUNT));

    private FreePorts() {
    }

    public static int tcp() {
        for (int i = 0; i < 200; i++) {
            int port = next();
            if (tcpFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port in " + FIRST + "-" + (FIRST + COUNT - 1));
    }

    /** A port free for both TCP and UDP (TURN listens on both). */
    public static int tcpAndUdp() {
        for (int i = 0; i < 200; i++) {
            int port = next();
            if (tcpFree(port) && udpFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP+UDP port in " + FIRST + "-" + (FIRST + COUNT - 1));
    }

    private static int next() {
        return FIRST + Math.floorMod(NEXT.getAndIncrement(), COUNT);
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
