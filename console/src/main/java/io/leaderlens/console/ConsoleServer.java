package io.leaderlens.console;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The web console: one HTML shell per page, and a JSON endpoint per panel that the page's script polls. Panels fail
 * one by one with a message (Trino down, a view missing), never the page.
 */
public final class ConsoleServer implements AutoCloseable {
    /** Leader ids as Trino's access rules know them (stack/…/trino/rules.json). */
    private static final Pattern LEADER_ID = Pattern.compile("L[0-9a-z]+-[0-9]+");
    private static final String WEB = "/io/leaderlens/console/web";

    /** What a panel's endpoint answers: its rows, or why there are none. */
    public record PanelResponse(String id, List<String> columns, List<List<String>> rows, String committedAt, String error) {}

    public record PageResponse(String id, String title, String audience, List<PanelView> panels, List<PageLink> pages) {}

    public record PanelView(String id, String title, Chart chart) {}

    public record PageLink(String id, String title, String path) {}

    private final ConsolePages pages;
    private final PanelSource source;
    private final Consumer<String> log;
    private final String shell;
    private final Javalin app;

    public ConsoleServer(ConsolePages pages, PanelSource source, Consumer<String> log) {
        this.pages = requireNonNull(pages, "pages");
        this.source = requireNonNull(source, "source");
        this.log = requireNonNull(log, "log");
        this.shell = resource(WEB + "/page.html");
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = WEB;
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        app.get("/", ctx -> ctx.redirect("/" + pages.shared().get(0).id()));
        for (Page page : pages.shared()) {
            app.get("/" + page.id(), this::shell);
            app.get("/api/pages/" + page.id(), ctx -> ctx.json(describe(page)));
            app.get("/api/pages/" + page.id() + "/panels/{panel}", ctx -> panel(ctx, page, Optional.empty()));
        }
        app.get("/leaders/{leader}", this::shell); // the page's first API call says when the id is no leader's
        app.get("/api/leaders/{leader}", ctx -> ctx.json(describe(pages.leaderWorkspace(leader(ctx)))));
        app.get("/api/leaders/{leader}/panels/{panel}", ctx -> panel(ctx, pages.leaderWorkspace(leader(ctx)), Optional.of(leader(ctx))));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(HttpStatus.NOT_FOUND).result(e.getMessage()));
    }

    /** Starts serving on {@code host:port} (0: any free port) and returns the console's address. */
    public URI start(String host, int port) {
        app.start(host, port);
        return URI.create("http://" + host + ":" + app.port() + "/");
    }

    @Override
    public void close() {
        app.stop();
    }

    private void shell(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(shell);
    }

    private PageResponse describe(Page page) {
        List<PageLink> links = pages.shared().stream().map(p -> new PageLink(p.id(), p.title(), "/" + p.id())).toList();
        return new PageResponse(page.id(), page.title(), page.audience(),
                page.panels().stream().map(p -> new PanelView(p.id(), p.title(), p.chart())).toList(), links);
    }

    private void panel(Context ctx, Page page, Optional<String> leaderId) {
        String id = ctx.pathParam("panel");
        Panel panel = page.panel(id).orElseThrow(() -> new IllegalArgumentException("page " + page.id() + " has no panel " + id));
        try {
            PanelData data = source.load(panel, leaderId);
            ctx.json(new PanelResponse(id, data.columns(), data.rows(),
                    data.committedAt() == null ? null : data.committedAt().toString(), null));
        } catch (Exception e) {
            String why = why(e);
            log.accept("console: panel " + page.id() + "/" + id + " failed: " + why);
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new PanelResponse(id, List.of(), List.of(), null, why));
        }
    }

    private static String leader(Context ctx) {
        String leader = ctx.pathParam("leader");
        if (!LEADER_ID.matcher(leader).matches()) {
            throw new IllegalArgumentException("not a group leader id: " + leader + " (leader ids look like L7-760)");
        }
        return leader;
    }

    /** In words for the page: unreachable, or Trino's own first line (never a stack trace or an exception's name). */
    static String why(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.ConnectException || root instanceof java.net.UnknownHostException
                || root instanceof java.net.http.HttpTimeoutException || root instanceof java.net.SocketTimeoutException) {
            return "Trino is not reachable: " + firstLine(root.getMessage());
        }
        if (e instanceof SQLException) {
            return "Trino could not answer: " + firstLine(e.getMessage());
        }
        return "the console failed: " + firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String resource(String path) {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the console's " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
