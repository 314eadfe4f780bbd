package de.sprechzimmer.stats.http;

import de.sprechzimmer.common.http.HttpExchange;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A chunked HTTP response written from a worker thread as an {@link OutputStream}: 64 KiB chunks go to the
 * channel as they fill; when the client reads slower than we write, the writer waits for the channel (never
 * the event loop), so an export's memory stays one chunk whatever its size.
 */
final class StreamingResponse extends OutputStream {

    private static final int CHUNK = 64 * 1024;
    private static final long STALL_SECONDS = 60;

    private final HttpExchange ex;
    private final Channel channel;
    private final byte[] buffer = new byte[CHUNK];
    private int used;
    private boolean started;
    private final HttpResponse head;

    StreamingResponse(HttpExchange ex, String contentType, String fileName) {
        this.ex = ex;
        this.channel = ex.ctx().channel();
        this.head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        head.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        head.headers().set(HttpHeaderNames.CONNECTION, ex.keepAlive() ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }

    private void start() {
        if (!started) {
            started = true;
            ex.markStreaming();
            ex.ctx().write(head);
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (used == CHUNK) {
            flushChunk();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == CHUNK) {
                flushChunk();
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, buffer, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void flushChunk() throws IOException {
        start();
        if (!channel.isActive()) {
            throw new IOException("client went away");
        }
        if (used > 0) {
            ChannelFuture f = ex.ctx().writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(Arrays.copyOf(buffer, used))));
            used = 0;
            if (!channel.isWritable() && !f.awaitUninterruptibly(STALL_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("client stopped reading");
            }
            if (f.isDone() && !f.isSuccess()) {
                throw new IOException("write failed");
            }
        }
    }

    /** Sends what is left and ends the response. */
    void finish() throws IOException {
        flushChunk();
        ChannelFuture f = ex.ctx().writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!ex.keepAlive()) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Whether the status line is out (after that, an error can only cut the connection). */
    boolean started() {
        return started;
    }

    /** Ends a response that failed half-way: the client sees a truncated transfer, never a partial file as whole. */
    void abort() {
        ex.ctx().close();
    }
}
