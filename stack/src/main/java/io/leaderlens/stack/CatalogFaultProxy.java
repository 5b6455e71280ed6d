package io.leaderlens.stack;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of the Iceberg REST catalog that injects the failures of a catalog commit a network can
 * cause, for fault tests: jobs point {@code catalog.uri} at {@link #uri()}, everything passes through until a
 * fault is armed, and then the next commit of a table (a POST to {@code /v1/…/tables/{table}}) meets it once.
 */
public final class CatalogFaultProxy implements AutoCloseable {
    /** What happens to the next commit. */
    public enum Fault {
        /** the commit reaches the catalog and succeeds, but its response is lost: the client sees a dropped connection */
        DROP_RESPONSE,
        /**
         * the commit is held and the client sees a dropped connection; the held commit reaches the catalog only when the
         * next commit of the same table arrives, just before it (a slow catalog still applying the first request while
         * the writer, restarted, checks what was committed and commits again: apache/iceberg#14425)
         */
        HOLD_UNTIL_NEXT_COMMIT
    }

    /** A fault that struck: which, on which table, when. */
    public record Injected(Fault fault, String table, long atMillis) {}

    private static final Pattern TABLE_COMMIT = Pattern.compile("/v1/(?:[^/]+/)?namespaces/[^/]+/tables/([^/?]+)");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade",
            "keep-alive", "expect");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "catalog-fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final Consumer<String> log;
    private final List<Injected> injected = new ArrayList<>();
    private Fault armed;
    private java.util.function.Predicate<String> armedTables = table -> true;
    private Held held;

    private record Held(String table, HttpRequest request) {}

    public CatalogFaultProxy(URI target, Consumer<String> log) throws IOException {
        this.target = requireNonNull(target, "target");
        this.log = requireNonNull(log, "log");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next table commit meets this fault (once). */
    public synchronized void arm(Fault fault) {
        arm(fault, table -> true);
    }

    /** The next commit to a table the predicate accepts meets this fault (once). */
    public synchronized void arm(Fault fault, java.util.function.Predicate<String> tables) {
        armed = requireNonNull(fault, "fault");
        armedTables = requireNonNull(tables, "tables");
    }

    public synchronized boolean isArmed() {
        return armed != null || held != null;
    }

    public synchronized List<Injected> injected() {
        return List.copyOf(injected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpRequest request = forwarded(exchange);
            Matcher commit = TABLE_COMMIT.matcher(exchange.getRequestURI().getPath());
            String table = exchange.getRequestMethod().equals("POST") && commit.matches() ? commit.group(1) : null;
            Fault fault = null;
            Held release = null;
            synchronized (this) {
                if (table != null && held != null && held.table().equals(table)) {
                    release = held;
                    held = null;
                } else if (table != null && armed != null && armedTables.test(table)) {
                    fault = armed;
                    armed = null;
                    injected.add(new Injected(fault, table, System.currentTimeMillis()));
                    if (fault == Fault.HOLD_UNTIL_NEXT_COMMIT) {
                        held = new Held(table, request);
                    }
                }
            }
            if (release != null) {
                HttpResponse<byte[]> first = send(release.request());
                log.accept("fault proxy: the held commit of " + table + " reached the catalog: HTTP " + first.statusCode());
            }
            if (fault == Fault.HOLD_UNTIL_NEXT_COMMIT) {
                log.accept("fault proxy: holding a commit of " + table + ", its client sees a dropped connection");
                return; // closed without a response
            }
            HttpResponse<byte[]> response = send(request);
            if (fault == Fault.DROP_RESPONSE) {
                log.accept("fault proxy: a commit of " + table + " answered HTTP " + response.statusCode() + "; the response is dropped");
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest forwarded(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
