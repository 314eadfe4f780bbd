package de.sprechzimmer.turn.server;

import de.sprechzimmer.turn.proto.AttributeType;
import de.sprechzimmer.turn.proto.ErrorCodeAttribute;
import de.sprechzimmer.turn.proto.Integrity;
import de.sprechzimmer.turn.proto.MessageClass;
import de.sprechzimmer.turn.proto.MessageIntegrity;
import de.sprechzimmer.turn.proto.MessageType;
import de.sprechzimmer.turn.proto.Method;
import de.sprechzimmer.turn.proto.RawAttribute;
import de.sprechzimmer.turn.proto.StunDecoder;
import de.sprechzimmer.turn.proto.StunEncoder;
import de.sprechzimmer.turn.proto.StunMessage;
import de.sprechzimmer.turn.proto.TextAttribute;
import de.sprechzimmer.turn.proto.TransactionId;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small TURN client over UDP or TCP for the server tests, written against the RFC with our codec; the
 * third-party clients (coturn's uclient, ice4j) are in the interop tests.
 */
final class TestClient implements AutoCloseable {

    private final DatagramSocket udp;
    private final Socket tcp;
    private final InetSocketAddress server;
    private String username;
    private String password;
    private String realm;
    private String nonce;

    private TestClient(DatagramSocket udp, Socket tcp, InetSocketAddress server) {
        this.udp = udp;
        this.tcp = tcp;
        this.server = server;
    }

    static TestClient udp(int port) throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(10_000);
        return new TestClient(s, null, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    static TestClient tcp(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        return new TestClient(null, s, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Over TLS, trusting any certificate (the relay generates a self-signed one in these tests). */
    static TestClient tls(int port) throws Exception {
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ssl.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(5000);
        s.startHandshake();
        return new TestClient(null, s, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    TestClient credentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    InetSocketAddress localAddress() {
        return udp != null ? (InetSocketAddress) udp.getLocalSocketAddress() : (InetSocketAddress) tcp.getLocalSocketAddress();
    }

    /** Sends an authenticated request, answering a 401/438 challenge once, and returns the final response. */
    StunMessage request(Method method, RawAttribute... attributes) throws IOException {
        StunMessage response = requestWithCurrentNonce(method, TransactionId.random(), attributes);
        if (isError(response, 401) || isError(response, 438)) {
            realm = TextAttribute.of(response, AttributeType.REALM).orElseThrow();
            nonce = TextAttribute.of(response, AttributeType.NONCE).orElseThrow();
            response = requestWithCurrentNonce(method, TransactionId.random(), attributes);
        }
        return response;
    }

    /** Sends an authenticated request with a given transaction id and the nonce held now (no challenge handling). */
    StunMessage requestWithCurrentNonce(Method method, TransactionId tid, RawAttribute... attributes) throws IOException {
        StunMessage.Builder b = StunMessage.builder(MessageType.request(method), tid);
        Arrays.stream(attributes).forEach(b::add);
        Integrity integrity = null;
        if (nonce != null) {
            b.add(TextAttribute.encode(AttributeType.USERNAME, username));
            b.add(TextAttribute.encode(AttributeType.REALM, realm));
            b.add(TextAttribute.encode(AttributeType.NONCE, nonce));
            integrity = new Integrity(Integrity.Algorithm.SHA1, MessageIntegrity.longTermKey(username, realm, password));
        }
        sendRaw(StunEncoder.encode(b.build(), integrity, true));
        return receiveResponse(tid);
    }

    StunMessage unauthenticated(Method method, RawAttribute... attributes) throws IOException {
        TransactionId tid = TransactionId.random();
        StunMessage.Builder b = StunMessage.builder(MessageType.request(method), tid);
        Arrays.stream(attributes).forEach(b::add);
        sendRaw(StunEncoder.encode(b.build(), null, true));
        return receiveResponse(tid);
    }

    /** A Send indication to {@code peer}; the XOR-PEER-ADDRESS is encoded with the indication's own transaction id. */
    void send(InetSocketAddress peer, byte[] data) throws IOException {
        TransactionId tid = TransactionId.random();
        StunMessage m = StunMessage.builder(new MessageType(Method.SEND, MessageClass.INDICATION), tid)
                .add(de.sprechzimmer.turn.proto.XorAddress.encode(AttributeType.XOR_PEER_ADDRESS, peer, tid))
                .add(AttributeType.DATA, data)
                .build();
        sendRaw(StunEncoder.encode(m, null, false));
    }

    /** CreatePermission for {@code peer}, its XOR-PEER-ADDRESS encoded with the request's transaction id. */
    StunMessage createPermission(InetSocketAddress peer) throws IOException {
        StunMessage r = createPermissionOnce(peer);
        if (isError(r, 401) || isError(r, 438)) {
            realm = TextAttribute.of(r, AttributeType.REALM).orElseThrow();
            nonce = TextAttribute.of(r, AttributeType.NONCE).orElseThrow();
            r = createPermissionOnce(peer);
        }
        return r;
    }

    private StunMessage createPermissionOnce(InetSocketAddress peer) throws IOException {
        TransactionId tid = TransactionId.random();
        return requestWithCurrentNonce(Method.CREATE_PERMISSION, tid,
                de.sprechzimmer.turn.proto.XorAddress.encode(AttributeType.XOR_PEER_ADDRESS, peer, tid));
    }

    void indication(Method method, RawAttribute... attributes) throws IOException {
        StunMessage.Builder b = StunMessage.builder(new MessageType(method, MessageClass.INDICATION), TransactionId.random());
        Arrays.stream(attributes).forEach(b::add);
        sendRaw(StunEncoder.encode(b.build(), null, false));
    }

    void channelData(int channel, byte[] data) throws IOException {
        int padded = tcp != null ? (data.length + 3) & ~3 : data.length;
        byte[] out = new byte[4 + padded];
        out[0] = (byte) (channel >> 8);
        out[1] = (byte) channel;
        out[2] = (byte) (data.length >> 8);
        out[3] = (byte) data.length;
        System.arraycopy(data, 0, out, 4, data.length);
        sendRaw(out);
    }

    void sendRaw(byte[] bytes) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, server));
        } else {
            OutputStream out = tcp.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    /** The next message from the server: a STUN message or ChannelData (raw bytes, padding stripped). */
    byte[] receive() throws IOException {
        if (udp != null) {
            byte[] buf = new byte[70000];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            udp.receive(p);
            return Arrays.copyOf(buf, p.getLength());
        }
        DataInputStream in = new DataInputStream(tcp.getInputStream());
        byte[] head = new byte[4];
        in.readFully(head);
        int length = ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        boolean channel = (head[0] & 0xC0) == 0x40;
        int rest = channel ? (length + 3) & ~3 : length + 16;
        byte[] body = new byte[rest];
        in.readFully(body);
        byte[] all = new byte[4 + (channel ? length : rest)];
        System.arraycopy(head, 0, all, 0, 4);
        System.arraycopy(body, 0, all, 4, all.length - 4);
        return all;
    }

    /** Whether anything arrives within the socket timeout. */
    boolean receivesNothing() throws IOException {
        try {
            receive();
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        }
    }

    private StunMessage receiveResponse(TransactionId tid) throws IOException {
        List<byte[]> skipped = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] bytes = receive();
            if ((bytes[0] & 0xC0) == 0) {
                StunMessage m = StunDecoder.decode(bytes);
                if (m.transactionId().equals(tid)) {
                    return m;
                }
            }
            skipped.add(bytes);
        }
        throw new IOException("no response; skipped " + skipped.size());
    }

    static boolean isError(StunMessage m, int code) {
        return m.messageClass() == MessageClass.ERROR
                && ErrorCodeAttribute.code(m.attribute(AttributeType.ERROR_CODE).orElseThrow().value()) == code;
    }

    static int errorCode(StunMessage m) {
        return m.messageClass() == MessageClass.ERROR
                ? ErrorCodeAttribute.code(m.attribute(AttributeType.ERROR_CODE).orElseThrow().value()) : 0;
    }

    /** Forgets the nonce so that the next request starts with a challenge. */
    void forgetNonce() {
        nonce = null;
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
    }
}
