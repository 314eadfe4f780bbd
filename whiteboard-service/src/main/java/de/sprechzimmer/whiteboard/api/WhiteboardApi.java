package de.sprechzimmer.whiteboard.api;

import de.sprechzimmer.common.http.HttpExchange;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.whiteboard.access.Access;
import de.sprechzimmer.whiteboard.access.Member;
import de.sprechzimmer.whiteboard.board.Download;
import de.sprechzimmer.whiteboard.board.Whiteboard;
import de.sprechzimmer.whiteboard.error.WhiteboardError;
import de.sprechzimmer.whiteboard.error.WhiteboardException;
import de.sprechzimmer.whiteboard.ids.FileId;
import de.sprechzimmer.whiteboard.store.StoreUnavailableException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API under {@code /whiteboard/} (docs/whiteboard.md). Handlers only read headers on the event loop;
 * ticket checks, sealing and store calls run through {@link HttpExchange#blocking}.
 */
public final class WhiteboardApi {

    public static final String PATH_PREFIX = "/whiteboard/";
    /** The browser-encrypted metadata (name, type) of a file, base64url. */
    public static final String META_HEADER = "X-Whiteboard-Meta";

    private static final Logger LOG = LoggerFactory.getLogger(WhiteboardApi.class);

    private final Whiteboard board;
    private final Access access;

    public WhiteboardApi(Whiteboard board, Access access) {
        this.board = board;
        this.access = access;
    }

    public void routes(Router router) {
        router.post("/whiteboard/files", this::upload)
                .get("/whiteboard/files", this::list)
                .get("/whiteboard/files/{id}", this::download)
                .delete("/whiteboard/files/{id}", this::remove);
    }

    private void upload(HttpExchange ex) {
        Optional<String> ticket = ex.bearerToken();
        String meta = ex.header(META_HEADER).orElse(null);
        ex.blocking(() -> guarded(ex, () -> {
            Member m = access.admit(ticket);
            ex.json(HttpResponseStatus.CREATED, board.upload(m, meta, ex.bodyBytes()));
            return null;
        }));
    }

    private void list(HttpExchange ex) {
        Optional<String> ticket = ex.bearerToken();
        ex.blocking(() -> guarded(ex, () -> board.list(access.admit(ticket))));
    }

    private void download(HttpExchange ex) {
        Optional<String> ticket = ex.bearerToken();
        String id = ex.pathParam("id");
        ex.blocking(() -> guarded(ex, () -> {
            Member m = access.admit(ticket);
            Download d = board.download(m, fileId(id));
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(d.envelope()));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            r.headers().set(META_HEADER, d.info().meta());
            ex.send(r);
            return null;
        }));
    }

    private void remove(HttpExchange ex) {
        Optional<String> ticket = ex.bearerToken();
        String id = ex.pathParam("id");
        ex.blocking(() -> guarded(ex, () -> {
            board.remove(access.admit(ticket), fileId(id));
            return null;
        }));
    }

    private static FileId fileId(String text) {
        return FileId.parse(text).orElseThrow(WhiteboardError.INVALID_FILE_ID::exception);
    }

    /** Runs {@code work}, turning domain errors into the JSON error answer in the caller's language. */
    private static Object guarded(HttpExchange ex, Callable<Object> work) throws Exception {
        try {
            return work.call();
        } catch (WhiteboardException e) {
            throw e.error().toHttp(english(ex));
        } catch (StoreUnavailableException e) {
            LOG.warn("whiteboard store unavailable: {}", e.getMessage());
            throw WhiteboardError.STORE_UNAVAILABLE.toHttp(english(ex));
        }
    }

    /** German unless the client asks for English first. */
    static boolean english(HttpExchange ex) {
        return ex.header(HttpHeaderNames.ACCEPT_LANGUAGE).map(v -> v.trim().toLowerCase(Locale.ROOT).startsWith("en")).orElse(false);
    }
}
