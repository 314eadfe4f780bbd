package de.sprechzimmer.signaling.http;

import de.sprechzimmer.common.http.HttpError;
import de.sprechzimmer.common.http.HttpExchange;
import de.sprechzimmer.common.http.HttpHandler;
import de.sprechzimmer.common.http.Router;
import de.sprechzimmer.common.http.StaticFiles;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The web client: {@code /} (patient start page), {@code /praxis} (doctor app) and its assets. From the
 * {@code web-client} jar (classpath {@code de/sprechzimmer/web/}), or in development from {@code web-dir}, read
 * afresh on every request so edits show on reload.
 */
public final class WebFiles {

    public static final String CLASSPATH_ROOT = "de/sprechzimmer/web";
    private static final String[] FOLDERS = {"js", "css", "img", "sounds"};

    private WebFiles() {
    }

    public static void routes(Router r, Optional<Path> webDir) {
        Source s = webDir.<Source>map(DirectorySource::new)
                .orElseGet(() -> new ClasspathSource(new StaticFiles(CLASSPATH_ROOT, WebFiles.class.getClassLoader())));
        r.get("/", s.file("index.html"));
        r.get("/praxis", s.file("praxis.html"));
        r.get("/favicon.ico", s.file("favicon.ico"));
        for (String f : FOLDERS) {
            r.get("/" + f + "/**", s.folder(f));
        }
    }

    private interface Source {
        HttpHandler file(String name);

        HttpHandler folder(String folder);
    }

    private record ClasspathSource(StaticFiles files) implements Source {
        @Override
        public HttpHandler file(String name) {
            return files.file(name);
        }

        @Override
        public HttpHandler folder(String folder) {
            return files.folder(folder);
        }
    }

    private record DirectorySource(Path root) implements Source {
        private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
                "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8",
                "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
                "ico", "image/x-icon", "wav", "audio/wav", "mp3", "audio/mpeg", "json", "application/json; charset=utf-8");

        @Override
        public HttpHandler file(String name) {
            return ex -> serve(ex, name);
        }

        @Override
        public HttpHandler folder(String folder) {
            return ex -> serve(ex, folder + "/" + ex.pathParam("*"));
        }

        private void serve(HttpExchange ex, String name) throws IOException {
            Path base = root.toAbsolutePath().normalize();
            Path p = base.resolve(name).normalize();
            if (name.contains("..") || !p.startsWith(base) || !Files.isRegularFile(p)) {
                throw HttpError.notFound("No such file");
            }
            int dot = name.lastIndexOf('.');
            String type = TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1), "application/octet-stream");
            ex.bytes(HttpResponseStatus.OK, type, Files.readAllBytes(p));
        }
    }
}
