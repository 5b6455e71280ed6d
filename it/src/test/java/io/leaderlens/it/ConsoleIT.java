package io.leaderlens.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leaderlens.cli.CliContext;
import io.leaderlens.commissions.settlement.SettlementPeriod;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.console.ConsolePages;
import io.leaderlens.console.ConsoleServer;
import io.leaderlens.console.TrinoPanelSource;
import io.leaderlens.jobs.commissions.CommissionRunner;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.services.SettlementService;
import io.leaderlens.services.Simulations;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (Debian's headless Chromium) on the real stack, after a seeded world went through
 * all three jobs and weekly settlement: every page loads without a console error, every chart draws rows, the
 * leaderboard shown is the leaderboard table's, a leader sees only their own rows, and a Trino outage reads as a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class ConsoleIT {
    private static final long SEED = 606;
    /** apart from the other tests' days (BadInputIT 2030, TableMaintenanceIT 2034): the newest days of the shared stack */
    private static final LocalDate FIRST_DAY = LocalDate.of(2036, 3, 3);
    private static final int DAYS = 14;
    /** the simulator's leader ids carry the seed in base 36 */
    private static final String OUR_LEADERS = "L" + Long.toString(SEED, 36) + "-";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    private Trino trino;
    private ZoneId zone;
    private ConsoleServer console;
    private URI address;
    private WebDriver browser;

    @BeforeAll
    void simulateRunEveryJobAndServeTheConsole() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the console test drives Debian's headless Chromium: apt-get install chromium chromium-driver "
                        + "(.ci/run installs them; needs " + CHROMIUM + " and " + CHROMEDRIVER + ")").isTrue();
        LeaderlensConfig config = SharedStack.config();
        trino = CliContext.trino(config);
        ZoneId zone = config.getZone("timezone");
        String bootstrap = config.get("kafka.bootstrap-servers");
        Map<TopicPartition, Long> start = new HashMap<>(KafkaOffsets.endOffsets(bootstrap, JobRuntime.eventTopics(config)));
        start.putAll(KafkaOffsets.endOffsets(bootstrap, CommissionRunner.controlTopics(config)));

        SimulationOptions d = SimulationOptions.defaults(SEED, 30_000, DAYS);
        SimulationOptions world = new SimulationOptions(SEED, d.events(), DAYS, FIRST_DAY, d.zone(), d.maxJitterMillis(), d.duplicateRate(), true);
        Path labels = Path.of("target/it-console-labels.jsonl");
        CliContext.simulations(config).toKafka(world, labels, null);
        Simulations.toFiles(world, Path.of("target/it-console-simulation")); // the same events as JSON lines, for recomputations
        this.zone = zone;
        // one record that is no event, so the data-quality panel has a dead letter of this world to show
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(Map.of("bootstrap.servers", bootstrap),
                new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(config.get("topics.orders"),
                    (OUR_LEADERS + "1").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "not an event".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
        }
        JobRuns.runBounded(config, start);

        Path registry = Path.of("target/it-console-registry").toAbsolutePath();
        LeaderMetricsIT.trainFraudModels(registry);
        FraudScoringRunner fraud = new FraudScoringRunner(config.with("fraud.registry", registry.toString())
                .with("fraud.consumer-group", "it-console-fraud"));
        fraud.run(fraud.environment(), true, start);
        CliContext.fraudLabels(config).load(labels, "simulator");

        long asOf = FIRST_DAY.plusDays(DAYS).atStartOfDay(zone).toInstant().toEpochMilli();
        CommissionRunner commissions = new CommissionRunner(config.with("commissions.consumer-group", "it-console-commissions"));
        io.leaderlens.cli.RateCardTable.record(config, commissions.settings().calculator().card());
        commissions.run(commissions.environment(), true, start, asOf);
        settleEveryWeek(CliContext.settlement(config));

        console = new ConsoleServer(new ConsolePages(config.getZone("timezone")), new TrinoPanelSource(CliContext.trino(config, "console")), System.out::println);
        address = console.start("127.0.0.1", 0);
        browser = chromium();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void everyPageDrawsEveryPanelWithDataAndNoConsoleError() throws Exception {
        for (String page : List.of("ops", "sales", "marketing", "risk", "commissions")) {
            open(address.resolve("/" + page));
            for (WebElement panel : browser.findElements(By.cssSelector(".panel"))) {
                String id = panel.getAttribute("id");
                assertThat(panel.getAttribute("data-state")).as(page + " " + id + ": " + panel.getText()).isEqualTo("drawn");
                assertThat(Integer.parseInt(panel.getAttribute("data-rows"))).as(page + " " + id + " rows").isPositive();
                assertThat(panel.findElement(By.cssSelector(".freshness")).getText()).as(page + " " + id + " freshness")
                        .startsWith("data committed 20");
            }
            assertChartsHaveData(page);
            assertNoConsoleErrors(page);
            screenshot(page);
        }
    }

    @Test
    void salesByCategoryEqualTheRecomputationFromTheEventLines() throws Exception {
        // per day, city and category: [paid cents, refunded cents, paid orders], each event once (the simulator resends some)
        Map<String, long[]> expected = new TreeMap<>();
        for (JsonNode e : uniqueEvents("OrderEvent")) {
            String type = e.get("type").asText();
            if (type.equals("PAID") || type.equals("REFUNDED")) {
                long[] sums = expected.computeIfAbsent(day(e) + "|" + e.get("city").asText() + "|" + e.get("category").asText(), k -> new long[3]);
                sums[type.equals("PAID") ? 0 : 1] += e.get("amount_cents").asLong();
                sums[2] += type.equals("PAID") ? 1 : 0;
            }
        }
        Map<String, List<Long>> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT day, city, category, paid_cents, refund_cents, net_cents, orders "
                + "FROM iceberg.leaderlens.v_sales_by_category_daily WHERE day >= DATE '" + FIRST_DAY + "'").rows()) {
            actual.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), row.subList(3, 7).stream().map(Long::parseLong).toList());
        }
        Map<String, List<Long>> recomputed = new TreeMap<>();
        expected.forEach((key, sums) -> recomputed.put(key, List.of(sums[0], sums[1], sums[0] - sums[1], sums[2])));
        assertThat(actual.keySet()).as("days, cities and categories with sales").isEqualTo(recomputed.keySet());
        recomputed.forEach((key, sums) -> assertThat(actual.get(key)).as("paid, refunded, net cents and paid orders of " + key).isEqualTo(sums));
        assertThat(recomputed.values().stream().mapToLong(v -> v.get(2)).sum()).as("a world with real money in it").isGreaterThan(1_000_000);
    }

    @Test
    void groupFormationBySizeEqualsTheRecomputationFromTheEventLines() throws Exception {
        Map<String, long[]> expected = new TreeMap<>(); // per day and group size: [opened, formed, failed]
        for (JsonNode e : uniqueEvents("GroupBuyEvent")) {
            int index = List.of("OPENED", "FORMED", "FAILED").indexOf(e.get("type").asText());
            long[] counts = expected.computeIfAbsent(day(e) + "|" + e.get("group_size").asInt(), k -> new long[3]);
            if (index >= 0) {
                counts[index]++;
            }
        }
        Map<String, List<String>> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT day, group_size, groups_opened, groups_formed, groups_failed, formation_rate "
                + "FROM iceberg.leaderlens.v_group_formation_by_size WHERE day >= DATE '" + FIRST_DAY + "'").rows()) {
            actual.put(row.get(0) + "|" + row.get(1), row.subList(2, 6));
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, c) -> {
            List<String> row = actual.get(key);
            assertThat(row.subList(0, 3).stream().map(Long::parseLong).toList()).as(key).containsExactly(c[0], c[1], c[2]);
            if (c[1] + c[2] == 0) {
                assertThat(row.get(3)).as(key + " rate without a formed or failed group").isNull();
            } else {
                assertThat(Double.parseDouble(row.get(3))).as(key + " rate").isCloseTo((double) c[1] / (c[1] + c[2]), within(1e-12));
            }
        });
        assertThat(expected.values().stream().mapToLong(c -> c[1]).sum()).as("groups formed").isPositive();
    }

    @Test
    void theChannelFunnelEqualsTheRecomputationFromTheEventLines() throws Exception {
        // per day, city and channel: [shares, scans, signups, first orders]
        Map<String, long[]> expected = new TreeMap<>();
        Map<String, JsonNode> signup = new HashMap<>(); // a member's first signup: its channel and city
        for (JsonNode e : uniqueEvents("ReferralEvent")) {
            String type = e.get("type").asText();
            int step = List.of("POSTER_SHARED", "SCANNED", "SIGNED_UP").indexOf(type);
            if (step >= 0 && !e.path("channel").isNull() && !e.path("channel").isMissingNode()) {
                expected.computeIfAbsent(day(e) + "|" + e.get("city").asText() + "|" + e.get("channel").asText(), k -> new long[4])[step]++;
            }
            if (type.equals("SIGNED_UP")) {
                signup.merge(e.get("user_id").asText(), e, (a, b) -> a.get("event_time").asLong() <= b.get("event_time").asLong() ? a : b);
            }
        }
        Map<String, JsonNode> firstPaid = new HashMap<>();
        for (JsonNode e : uniqueEvents("OrderEvent")) {
            if (e.get("type").asText().equals("PAID")) {
                firstPaid.merge(e.get("user_id").asText(), e, (a, b) -> a.get("event_time").asLong() <= b.get("event_time").asLong() ? a : b);
            }
        }
        signup.forEach((user, s) -> {
            JsonNode paid = firstPaid.get(user);
            if (paid != null && !s.path("channel").isNull()) {
                expected.computeIfAbsent(day(paid) + "|" + s.get("city").asText() + "|" + s.get("channel").asText(), k -> new long[4])[3]++;
            }
        });
        Map<String, List<Long>> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT day, city, channel, shares, scans, signups, first_orders "
                + "FROM iceberg.leaderlens.v_channel_funnel_daily WHERE day >= DATE '" + FIRST_DAY + "'").rows()) {
            actual.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), row.subList(3, 7).stream().map(Long::parseLong).toList());
        }
        assertThat(actual.keySet()).as("days, cities and channels").isEqualTo(expected.keySet());
        expected.forEach((key, c) -> assertThat(actual.get(key)).as("shares, scans, signups, first orders of " + key)
                .containsExactly(c[0], c[1], c[2], c[3]));
        assertThat(expected.keySet().stream().map(k -> k.substring(k.lastIndexOf('|') + 1)).distinct().count())
                .as("every channel of the simulator").isEqualTo(5);
        assertThat(expected.values().stream().mapToLong(c -> c[3]).sum()).as("first orders credited to a channel").isPositive();
    }

    @Test
    void pickupLogisticsEqualTheRecomputationFromTheEventLines() throws Exception {
        Map<String, Long> arrived = new HashMap<>();
        Map<String, Long> pickedUp = new HashMap<>();
        Map<String, JsonNode> arrival = new HashMap<>();
        Map<String, Long> seenUntil = new HashMap<>(); // per pickup point: its newest order event
        for (JsonNode e : uniqueEvents("OrderEvent")) {
            String order = e.get("order_id").asText();
            long at = e.get("event_time").asLong();
            seenUntil.merge(e.get("pickup_point_id").asText(), at, Math::max);
            switch (e.get("type").asText()) {
                case "GOODS_ARRIVED" -> {
                    arrived.merge(order, at, Math::min);
                    arrival.putIfAbsent(order, e);
                }
                case "CONFIRMED" -> pickedUp.merge(order, at, Math::min);
                default -> { }
            }
        }
        long twoDays = Duration.ofDays(2).toMillis();
        Map<String, Long> expectedWait = new TreeMap<>();
        Map<String, long[]> expectedDaily = new TreeMap<>(); // per day, leader, pickup point: [arrived, picked up, uncollected after 2 days]
        arrived.forEach((order, at) -> {
            JsonNode e = arrival.get(order);
            Long up = pickedUp.get(order);
            if (up != null) {
                expectedWait.put(order, (up - at) / 60_000);
            }
            boolean uncollected = (up == null || up > at + twoDays) && seenUntil.get(e.get("pickup_point_id").asText()) >= at + twoDays;
            long[] c = expectedDaily.computeIfAbsent(day(e) + "|" + e.get("leader_id").asText() + "|" + e.get("pickup_point_id").asText(),
                    k -> new long[3]);
            c[0]++;
            c[1] += up == null ? 0 : 1;
            c[2] += uncollected ? 1 : 0;
        });
        Map<String, Long> actualWait = new TreeMap<>();
        for (List<String> row : trino.query("SELECT order_id, wait_minutes FROM iceberg.leaderlens.v_pickups "
                + "WHERE arrival_day >= DATE '" + FIRST_DAY + "' AND picked_up_at IS NOT NULL").rows()) {
            actualWait.put(row.get(0), Long.parseLong(row.get(1)));
        }
        assertThat(actualWait).as("minutes from arrival to pickup, per order").isEqualTo(expectedWait);
        Map<String, List<Long>> actualDaily = new TreeMap<>();
        for (List<String> row : trino.query("SELECT day, leader_id, pickup_point_id, arrived, picked_up, uncollected_after_2_days "
                + "FROM iceberg.leaderlens.v_pickup_daily WHERE day >= DATE '" + FIRST_DAY + "'").rows()) {
            actualDaily.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), row.subList(3, 6).stream().map(Long::parseLong).toList());
        }
        assertThat(actualDaily.keySet()).isEqualTo(expectedDaily.keySet());
        expectedDaily.forEach((key, c) -> assertThat(actualDaily.get(key)).as("arrived, picked up, uncollected of " + key)
                .containsExactly(c[0], c[1], c[2]));
        assertThat(expectedDaily.values().stream().mapToLong(c -> c[2]).sum()).as("goods left waiting more than two days").isPositive();
    }

    @Test
    void memberCohortsRepurchaseRatesEqualTheRecomputationFromTheEventLines() throws Exception {
        Map<String, LocalDate> signupDay = new HashMap<>();
        for (JsonNode e : uniqueEvents("ReferralEvent")) {
            if (e.get("type").asText().equals("SIGNED_UP")) {
                signupDay.merge(e.get("user_id").asText(), day(e), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<String, long[]> paid = new HashMap<>(); // per member: [paid orders, paid cents]
        for (JsonNode e : uniqueEvents("OrderEvent")) {
            if (e.get("type").asText().equals("PAID")) {
                long[] p = paid.computeIfAbsent(e.get("user_id").asText(), k -> new long[2]);
                p[0]++;
                p[1] += e.get("amount_cents").asLong();
            }
        }
        Map<String, long[]> expected = new TreeMap<>(); // per signup week: [members, buyers, repeat buyers, orders, paid cents]
        signupDay.forEach((user, d) -> {
            long[] c = expected.computeIfAbsent(d.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toString(),
                    k -> new long[5]);
            long[] p = paid.getOrDefault(user, new long[2]);
            c[0]++;
            c[1] += p[0] > 0 ? 1 : 0;
            c[2] += p[0] >= 2 ? 1 : 0;
            c[3] += p[0];
            c[4] += p[1];
        });
        LocalDate firstWeek = FIRST_DAY.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        Map<String, List<String>> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT cohort_week, members, buyers, repeat_buyers, orders, paid_cents, repurchase_rate "
                + "FROM iceberg.leaderlens.v_member_cohorts WHERE cohort_week >= DATE '" + firstWeek + "'").rows()) {
            actual.put(row.get(0), row.subList(1, 7));
        }
        assertThat(actual.keySet()).as("signup weeks").isEqualTo(expected.keySet());
        expected.forEach((week, c) -> {
            List<String> row = actual.get(week);
            assertThat(row.subList(0, 5).stream().map(Long::parseLong).toList()).as("members, buyers, repeat buyers, orders, cents of " + week)
                    .containsExactly(c[0], c[1], c[2], c[3], c[4]);
            if (c[1] == 0) {
                assertThat(row.get(5)).as("repurchase rate of " + week + " without a buyer").isNull();
            } else {
                assertThat(Double.parseDouble(row.get(5))).as("repurchase rate of " + week).isCloseTo((double) c[2] / c[1], within(1e-12));
            }
        });
        assertThat(expected.values().stream().mapToLong(c -> c[2]).sum()).as("members who bought again").isPositive();
    }

    @Test
    void theNotebooksRunInStandardJupyterAndDrawTheirCharts() throws Exception {
        // every chart of a notebook, drawn from this world's rows (an empty result prints a hint instead of a chart)
        Map<String, Integer> charts = Map.of("ops.ipynb", 10, "risk-review.ipynb", 4, "commissions.ipynb", 2);
        for (var notebook : charts.entrySet()) {
            JsonNode executed = Notebooks.execute(SharedStack.config(), Path.of("../notebooks").resolve(notebook.getKey()),
                    Path.of("target/notebooks-executed"));
            assertThat(Notebooks.charts(executed)).as(notebook.getKey() + ": charts drawn").isEqualTo(notebook.getValue());
        }
    }

    private List<JsonNode> uniqueEvents(String schema) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> seen = new HashSet<>();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("target/it-console-simulation/events.jsonl"))) {
            JsonNode e = json.readTree(line);
            if (e.get("schema").asText().equals(schema) && seen.add(e.get("event_id").asText())) {
                events.add(e);
            }
        }
        return events;
    }

    /** The platform day of an event, on the platform's clock. */
    private LocalDate day(JsonNode event) {
        return java.time.Instant.ofEpochMilli(event.get("event_time").asLong()).atZone(zone).toLocalDate();
    }

    @Test
    void theLeaderboardShownIsTheLeaderboardTable() throws Exception {
        open(address.resolve("/ops"));
        List<List<String>> shown = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#panel-leaderboard-day tr"))) {
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            if (!cells.isEmpty()) {
                shown.add(cells.subList(1, cells.size())); // the first column is the movement since the last refresh
            }
        }
        // the table the leader metrics job writes, not the view the panel reads; cents to yuan here, not in SQL
        List<List<String>> expected = new ArrayList<>();
        for (List<String> row : trino.query("SELECT city, rank, leader_id, net_gmv_cents, orders, buyers, day FROM iceberg.leaderlens.leaderboard_daily "
                + "WHERE day = (SELECT max(day) FROM iceberg.leaderlens.leaderboard_daily) ORDER BY city, rank").rows()) {
            expected.add(List.of(row.get(0), row.get(1), row.get(2), new BigDecimal(row.get(3)).movePointLeft(2).toPlainString(),
                    row.get(4), row.get(5), row.get(6)));
        }
        assertThat(expected).as("the newest day is this test's world").isNotEmpty()
                .allSatisfy(r -> assertThat(LocalDate.parse(r.get(6))).isAfterOrEqualTo(FIRST_DAY));
        assertThat(shown).isEqualTo(expected);
    }

    @Test
    void aLeaderSeesTheirWorkspaceWithOnlyTheirOwnRows() throws Exception {
        String leader = trino.query("SELECT leader_id FROM iceberg.leaderlens.v_top_earners WHERE leader_id LIKE '" + OUR_LEADERS
                        + "%' ORDER BY credited_cents DESC, leader_id LIMIT 1")
                .rows().get(0).get(0);
        open(address.resolve("/leaders/" + leader));
        for (String panel : List.of("my-latest-day", "my-gmv", "my-commission", "my-posters", "my-members")) {
            WebElement element = browser.findElement(By.id("panel-" + panel));
            assertThat(element.getAttribute("data-state")).as(panel + ": " + element.getText()).isEqualTo("drawn");
        }
        for (WebElement element : browser.findElements(By.cssSelector(".panel"))) {
            assertThat(element.getAttribute("data-state")).as(element.getAttribute("id") + ": " + element.getText()).isIn("drawn", "empty");
        }
        long members = Long.parseLong(trino.query("SELECT count(DISTINCT user_id) FROM iceberg.leaderlens.events_order "
                + "WHERE type = 'PAID' AND leader_id = '" + leader + "'").rows().get(0).get(0));
        assertThat(Integer.parseInt(browser.findElement(By.id("panel-my-members")).getAttribute("data-rows")))
                .as("the leader's members, counted from the raw orders as admin").isEqualTo((int) Math.min(20, members));
        String credited = trino.query("SELECT coalesce(sum(amount_cents), 0) FROM iceberg.leaderlens.commission_ledger "
                + "WHERE bucket = 'CREDITED' AND beneficiary_leader_id = '" + leader + "'").rows().get(0).get(0);
        String shownCredited = (String) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#panel-my-commission .stat')]"
                        + ".find(s => s.querySelector('.label').textContent === 'credited yuan').querySelector('.value').textContent");
        assertThat(new BigDecimal(shownCredited)).as("credited commission, from the ledger's entries")
                .isEqualByComparingTo(new BigDecimal(credited).movePointLeft(2));
        assertNoConsoleErrors("leaders/" + leader);
        screenshot("leader-workspace");

        open(address.resolve("/leaders/not-a-leader"));
        assertThat(browser.findElement(By.id("page-error")).getText()).contains("not a group leader id: not-a-leader");
    }

    @Test
    void aTrinoOutageReadsAsAMessageOnEachPanel() throws Exception {
        try (ConsoleServer cut = new ConsoleServer(new ConsolePages(ZoneId.of("Asia/Shanghai")),
                new TrinoPanelSource(new Trino("jdbc:trino://127.0.0.1:1?SSL=true", "console", "wrong")), m -> {})) {
            URI down = cut.start("127.0.0.1", 0);
            open(down.resolve("/ops"));
            for (WebElement panel : browser.findElements(By.cssSelector(".panel"))) {
                assertThat(panel.getAttribute("data-state")).isEqualTo("error");
                assertThat(panel.findElement(By.cssSelector(".error")).getText())
                        .startsWith("Trino is not reachable: ").doesNotContain("Exception");
            }
        }
        browser.manage().logs().get(LogType.BROWSER); // the 503s this test caused are not the next page's errors
    }

    /** Settles every week of the world in order, as finance would: a week is refused while the one before is open. */
    private void settleEveryWeek(SettlementService settlement) throws Exception {
        LocalDate end = FIRST_DAY.plusDays(DAYS);
        for (SettlementPeriod week = SettlementPeriod.weekOf(FIRST_DAY); !week.endDay().isAfter(end); week = SettlementPeriod.weekOf(week.endDay())) {
            settlement.settle(week, System.currentTimeMillis());
        }
        assertThat(trino.query("SELECT 1 FROM iceberg.leaderlens.settlement_statements WHERE leader_id LIKE '" + OUR_LEADERS + "%' AND payout_cents > 0 "
                + "LIMIT 1").rows()).as("a settled week with commission paid out, for the payouts panel").isNotEmpty();
    }

    private WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,2200");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // Debian's driver, named explicitly: Selenium downloads nothing
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Opens a page and waits until its first refresh has settled every panel. */
    private void open(URI page) {
        browser.manage().logs().get(LogType.BROWSER); // read and dropped: what the page before logged
        browser.get(page.toString());
        // right after navigating, the new document may not have a body yet: that is "not yet", not an error
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(b -> Boolean.TRUE.equals(((JavascriptExecutor) b).executeScript(
                "const body = document.body, error = document.getElementById('page-error');"
                        + " return body !== null && (body.dataset.refreshes >= 1 || (error !== null && !error.hidden))")));
    }

    private void assertChartsHaveData(String page) {
        @SuppressWarnings("unchecked")
        List<Object> points = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('.chart')].map(c => echarts.getInstanceByDom(c).getOption().series"
                        + ".map(s => s.data.filter(v => v !== null).length).reduce((a, b) => a + b, 0))");
        assertThat(points).as(page + ": data points per chart").isNotEmpty()
                .allSatisfy(n -> assertThat(((Number) n).intValue()).isPositive());
    }

    private void assertNoConsoleErrors(String page) {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as(page + ": browser console errors").isEmpty();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
