package io.leaderlens.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's HTTP side over a source that answers from memory; ConsoleIT covers Trino and the browser. */
class ConsoleServerTest {
    private static final Instant COMMITTED = Instant.parse("2036-03-16T08:00:00Z");

    private final List<String> asked = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private ConsoleServer server;
    private URI address;

    private void serve(PanelSource source) {
        server = new ConsoleServer(new ConsolePages(java.time.ZoneId.of("Asia/Shanghai")), source, logged::add);
        address = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(address.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesEachPageAsTheShellWithItsPanelsAndThePanelsRows() throws Exception {
        serve((panel, leader) -> {
            asked.add(panel.id() + leader.map(l -> " as " + l).orElse(""));
            return new PanelData(List.of("city", "rank"), List.of(List.of("wuhan", "1")), COMMITTED);
        });
        assertThat(get("/ops").body()).contains("/static/console.js", "/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertThat(get("/api/pages/risk").body()).contains("\"id\":\"newest-alerts\"", "\"kind\":\"table\"", "\"path\":\"/commissions\"");
        HttpResponse<String> panel = get("/api/pages/ops/panels/leaderboard-day");
        assertThat(panel.statusCode()).isEqualTo(200);
        assertThat(panel.body()).contains("\"rows\":[[\"wuhan\",\"1\"]]", "\"committedAt\":\"2036-03-16T08:00:00Z\"", "\"error\":null");
        assertThat(get("/api/leaders/L7-760/panels/my-members").statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly("leaderboard-day", "my-members as L7-760");
    }

    @Test
    void servesEchartsFromItsWebjarAndTheScriptFromTheJar() throws Exception {
        serve((panel, leader) -> { throw new AssertionError("no panel asked"); });
        HttpResponse<String> echarts = get("/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).contains("echarts");
        assertThat(get("/static/console.js").body()).contains("REFRESH_MS");
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).contains("/ops");
    }

    @Test
    void aFailingQueryIsAMessageForThatPanelAndOneLogLine() throws Exception {
        serve((panel, leader) -> {
            throw new SQLException("Query failed (#1): Table 'iceberg.leaderlens.v_gmv_hourly' does not exist\n\tat io.trino...");
        });
        HttpResponse<String> panel = get("/api/pages/ops/panels/gmv-by-hour");
        assertThat(panel.statusCode()).isEqualTo(503);
        assertThat(panel.body()).contains("\"error\":\"Trino could not answer: Query failed (#1): Table 'iceberg.leaderlens.v_gmv_hourly' does not exist\"")
                .doesNotContain("\\tat ");
        assertThat(logged).containsExactly("console: panel ops/gmv-by-hour failed: Trino could not answer: Query failed (#1): "
                + "Table 'iceberg.leaderlens.v_gmv_hourly' does not exist");
    }

    @Test
    void anUnreachableTrinoIsSaidSoWithoutTheDriversExceptionNames() {
        SQLException driver = new SQLException("Error executing query: java.net.ConnectException: Failed to connect to /127.0.0.1:1",
                new java.io.UncheckedIOException(new java.net.ConnectException("Failed to connect to /127.0.0.1:1")));
        assertThat(ConsoleServer.why(driver)).isEqualTo("Trino is not reachable: Failed to connect to /127.0.0.1:1");
        assertThat(ConsoleServer.why(new IllegalStateException("no rows\nat line 2"))).isEqualTo("the console failed: no rows");
    }

    @Test
    void unknownPanelsAndIdsThatAreNoLeaderAreNotFound() throws Exception {
        serve((panel, leader) -> new PanelData(List.of(), List.of(), null));
        assertThat(get("/api/pages/ops/panels/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> notALeader = get("/api/leaders/x';DROP/panels/my-gmv");
        assertThat(notALeader.statusCode()).isEqualTo(404);
        assertThat(get("/api/leaders/admin").body()).isEqualTo("not a group leader id: admin (leader ids look like L7-760)");
        assertThat(get("/api/pages/ops/panels/data-quality").body()).contains("\"committedAt\":null");
    }

    @Test
    void everyPanelSaysWhichTablesItsFreshnessComesFrom() {
        ConsolePages pages = new ConsolePages(java.time.ZoneId.of("Asia/Shanghai"));
        List<Page> all = new ArrayList<>(pages.shared());
        all.add(pages.leaderWorkspace("L7-760"));
        assertThat(all).allSatisfy(page -> assertThat(page.panels()).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.freshnessTables()).isNotEmpty();
            assertThat(panel.sql()).contains("iceberg.leaderlens.").doesNotContain("%s", "%1$s");
        }));
        assertThat(Optional.of(pages.shared().get(0).id())).contains("ops");
    }
}
