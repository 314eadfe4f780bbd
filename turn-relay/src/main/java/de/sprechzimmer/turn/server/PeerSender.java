package de.sprechzimmer.turn.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Datagrams from one relay socket to peers. With the epoll transport each leaves in one {@code sendto(2)} straight
 * from the caller's buffer: no {@link DatagramPacket}, no slice, no trip through the channel's pipeline and
 * outbound buffer, which took about a quarter of the event loops' time in Java when every datagram to a peer went
 * through them. A datagram the socket cannot take at once (its send buffer full) or that the kernel refuses is
 * dropped, as a router drops what it cannot forward. Other transports (NIO) write through the channel.
 *
 * <p>Used only on the relay socket's event loop. The channel is closed on that loop too, so while it is open its
 * file descriptor is still this socket's.
 */
final class PeerSender {

    private final Channel channel;
    private final Socket socket;

    PeerSender(Channel channel) {
        this.channel = channel;
        // The epoll channel's descriptor is its socket (a LinuxSocket).
        this.socket = channel instanceof EpollDatagramChannel epoll && epoll.fd() instanceof Socket s ? s : null;
    }

    /**
     * Sends {@code length} bytes of {@code buf} from {@code index} to {@code peer} as one datagram. Does not take
     * ownership of {@code buf}. Returns false when the datagram was dropped.
     */
    boolean send(ByteBuf buf, int index, int length, InetSocketAddress peer) {
        if (!channel.isOpen()) {
            return false;
        }
        if (socket != null && buf.hasMemoryAddress()) {
            try {
                // Netty answers EAGAIN with 0; a datagram leaves whole or not at all.
                return socket.sendToAddress(buf.memoryAddress(), index, index + length, peer.getAddress(),
                        peer.getPort()) == length;
            } catch (IOException e) {
                return false;
            }
        }
        channel.writeAndFlush(new DatagramPacket(buf.retainedSlice(index, length), peer), channel.voidPromise());
        return true;
    }
}
