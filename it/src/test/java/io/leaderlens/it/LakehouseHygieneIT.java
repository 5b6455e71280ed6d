package io.leaderlens.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.services.Simulations;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #13 on the shared stack, after the leader metrics job ran on a small simulated world: no raw identifier of
 * that world in any table or output topic ({@code CommissionsIT} checks the same after the fraud scoring and
 * commission jobs), and Trino's roles (docs/access.md): each reads what it should and is refused what it should
 * not, a leader sees only their own rows, and nobody reads anything without a password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LakehouseHygieneIT {
    private static final long SEED = 707;
    private static final LocalDate FIRST_DAY = LocalDate.of(2033, 1, 3);
    private static final String OUR_DAYS = "day >= DATE '2033-01-01' AND day < DATE '2034-01-01'";

    private LeaderlensConfig config;
    private Trino admin;
    private RawIdentifiers raw;

    @BeforeAll
    void simulateAndRunTheLeaderMetricsJob() throws Exception {
        config = SharedStack.config();
        admin = CliContext.trino(config, "admin");
        SimulationOptions d = SimulationOptions.defaults(SEED, 8_000, 2);
        SimulationOptions options = new SimulationOptions(SEED, d.events(), d.days(), FIRST_DAY, d.zone(), d.maxJitterMillis(),
                d.duplicateRate(), true);
        Path dir = Path.of("target/it-lakehouse-hygiene");
        Simulations.toFiles(options, dir);
        raw = RawIdentifiers.of(dir.resolve("events.jsonl"));

        var start = JobRuns.snapshotOffsets(config);
        CliContext.simulations(config).toKafka(options, dir.resolve("labels-kafka.jsonl"), null);
        JobRuns.runBounded(config, start);
        assertThat(count(admin, "SELECT count(*) FROM iceberg.leaderlens.events_order WHERE " + OUR_DAYS)).as("the run wrote its orders")
                .isPositive();
    }

    @Test
    void noTableOrOutputTopicHoldsARawIdentifierOfTheSimulatedWorld() throws Exception {
        assertThat(raw.size()).isGreaterThan(100);
        // control: the same search finds an identifier inside a reason text where there is one
        admin.execute("CREATE SCHEMA IF NOT EXISTS iceberg.it_control");
        admin.execute("CREATE OR REPLACE TABLE iceberg.it_control.reasons (reason varchar)");
        admin.execute("INSERT INTO iceberg.it_control.reasons VALUES ('shared device " + raw.any() + ", 5 accounts.')");
        assertThat(raw.foundInTables(admin, "raw_identifiers_control", "it_control")).containsEntry("reasons.reason", 1L);

        assertThat(raw.foundInTables(admin, "raw_identifiers_707")).as("text columns holding a raw identifier").isEmpty();
        List<String> topics = outputTopics(config);
        assertThat(RawIdentifiers.recordsIn(config, topics).get(config.get("topics.leaderboard-updates")))
                .as("the run published leaderboard updates").isPositive();
        assertThat(raw.foundInTopics(config, topics)).as("output topics holding a raw identifier").isEmpty();
    }

    @Test
    void eachRoleReadsWhatItShouldAndIsRefusedTheRest() throws Exception {
        Trino ops = CliContext.trino(config, "ops");
        assertThat(count(ops, "SELECT count(*) FROM iceberg.leaderlens.leader_metrics_daily WHERE " + OUR_DAYS)).isPositive();
        assertThat(count(ops, "SELECT count(*) FROM iceberg.leaderlens.v_leaderboard_latest_day")).isNotNegative();
        assertThat(count(ops, "SELECT count(order_id) FROM iceberg.leaderlens.events_order WHERE " + OUR_DAYS)).isPositive();
        assertRefused(ops, "SELECT count(device_id) FROM iceberg.leaderlens.events_order"); // a denied column
        assertRefused(ops, "SELECT * FROM iceberg.leaderlens.events_order LIMIT 1"); // * includes it
        assertThat(count(ops, "SELECT count(event_id) FROM iceberg.leaderlens.late_events")).isNotNegative();
        assertRefused(ops, "SELECT count(event_json) FROM iceberg.leaderlens.late_events"); // the whole event, identifiers too
        assertRefused(ops, "SELECT count(*) FROM iceberg.leaderlens.order_scores"); // a denied table
        assertRefused(ops, "SELECT count(*) FROM iceberg.leaderlens.v_top_risky_leaders");
        assertRefused(ops, "SELECT count(*) FROM iceberg.leaderlens.commission_ledger");

        Trino risk = CliContext.trino(config, "risk");
        assertThat(count(risk, "SELECT count(device_id) FROM iceberg.leaderlens.events_order WHERE " + OUR_DAYS)).isPositive();
        assertThat(count(risk, "SELECT count(*) FROM iceberg.leaderlens.order_scores")).isNotNegative();
        assertThat(count(risk, "SELECT count(*) FROM iceberg.leaderlens.v_alert_volume_hourly")).isNotNegative();
        assertRefused(risk, "SELECT count(*) FROM iceberg.leaderlens.commission_ledger");
        assertRefused(risk, "SELECT count(*) FROM iceberg.leaderlens.v_top_earners");

        Trino finance = CliContext.trino(config, "finance");
        assertThat(count(finance, "SELECT count(*) FROM iceberg.leaderlens.commission_ledger")).isNotNegative();
        assertThat(count(finance, "SELECT count(*) FROM iceberg.leaderlens.leader_balances")).isNotNegative();
        assertRefused(finance, "SELECT count(*) FROM iceberg.leaderlens.events_order");
        // the marketing views: ops and finance read what the subsidies cost, finance without reading the orders themselves
        for (Trino reader : List.of(ops, finance)) {
            assertThat(count(reader, "SELECT count(*) FROM iceberg.leaderlens.v_subsidy_daily WHERE " + OUR_DAYS)).isPositive();
            assertThat(count(reader, "SELECT count(*) FROM iceberg.leaderlens.v_flash_sale_roi WHERE " + OUR_DAYS)).isNotNegative();
            assertThat(count(reader, "SELECT count(*) FROM iceberg.leaderlens.v_flash_sale_sell_through WHERE " + OUR_DAYS)).isPositive();
            assertThat(count(reader, "SELECT count(*) FROM iceberg.leaderlens.v_coupon_funnel WHERE " + OUR_DAYS)).isPositive();
        }
        assertThat(count(ops, "SELECT count(*) FROM iceberg.leaderlens.events_coupon WHERE " + OUR_DAYS)).isPositive();
        assertRefused(finance, "SELECT count(*) FROM iceberg.leaderlens.events_coupon");
        assertThat(count(ops, "SELECT count(*) FROM iceberg.leaderlens.events_campaign WHERE " + OUR_DAYS)).isPositive();
        assertRefused(finance, "SELECT count(*) FROM iceberg.leaderlens.events_campaign");
        // each coupon's life names its holder: those who read the coupon events read it, finance reads only the funnel
        for (Trino reader : List.of(ops, risk)) {
            assertThat(count(reader, "SELECT count(*) FROM iceberg.leaderlens.v_coupons WHERE " + OUR_DAYS)).isPositive();
        }
        assertRefused(finance, "SELECT count(*) FROM iceberg.leaderlens.v_coupons");
        assertRefused(risk, "SELECT count(*) FROM iceberg.leaderlens.v_subsidy_daily");
        assertRefused(finance, "SELECT count(*) FROM iceberg.leaderlens.fraud_alerts");
        // rewards on hold name members and alerts: the risk team's
        assertThat(count(risk, "SELECT count(*) FROM iceberg.leaderlens.v_referral_rewards_on_hold")).isNotNegative();
        assertRefused(ops, "SELECT count(*) FROM iceberg.leaderlens.v_referral_rewards_on_hold");
        assertRefused(finance, "SELECT count(*) FROM iceberg.leaderlens.v_referral_rewards_on_hold");

        Trino console = CliContext.trino(config, "console");
        assertThat(count(console, "SELECT count(*) FROM iceberg.leaderlens.fraud_alerts")).isNotNegative();
        for (Trino reader : List.of(ops, risk, finance, console)) {
            assertRefused(reader, "DELETE FROM iceberg.leaderlens.leader_metrics_daily WHERE day = DATE '2033-01-03'");
        }
    }

    @Test
    void aLeaderSeesOnlyTheirOwnRows() throws Exception {
        List<String> busiest = admin.query("SELECT leader_id, count(*) FROM iceberg.leaderlens.leader_metrics_daily WHERE " + OUR_DAYS
                + " GROUP BY leader_id ORDER BY count(*) DESC, leader_id LIMIT 1").rows().get(0);
        String leader = busiest.get(0);
        long allTheirRows = count(admin, "SELECT count(*) FROM iceberg.leaderlens.leader_metrics_daily WHERE leader_id = '" + leader + "'");
        assertThat(leader).matches("L[0-9a-z]+-[0-9]+");

        Trino asLeader = CliContext.trino(config, "console").asLeader(leader);
        assertThat(asLeader.query("SELECT current_user").rows().get(0).get(0)).isEqualTo(leader);
        // no WHERE: the row filter alone narrows every table to the leader's own rows
        assertThat(asLeader.query("SELECT count(*), count(DISTINCT leader_id) FROM iceberg.leaderlens.leader_metrics_daily").rows().get(0))
                .containsExactly(String.valueOf(allTheirRows), "1");
        assertThat(count(asLeader, "SELECT count(*) FROM iceberg.leaderlens.v_leader_daily WHERE leader_id <> '" + leader + "'")).isZero();
        assertRefused(asLeader, "SELECT count(*) FROM iceberg.leaderlens.events_order");
        assertRefused(asLeader, "SELECT count(*) FROM iceberg.leaderlens.order_scores");
        // only the console may act for a leader
        assertRefused(CliContext.trino(config, "ops").asLeader(leader), "SELECT 1");
    }

    @Test
    void nobodyReadsWithoutTheirPassword() {
        Trino wrongPassword = new Trino(config.get("trino.jdbc-url"), "admin", "not-the-password");
        assertThatThrownBy(() -> wrongPassword.query("SELECT 1")).isInstanceOf(SQLException.class);
        Trino noPassword = new Trino(config.get("trino.jdbc-url"), "admin", null);
        assertThatThrownBy(() -> noPassword.query("SELECT 1")).isInstanceOf(SQLException.class);
        // Trino's internal HTTP port takes no client sign-in
        Properties properties = new Properties();
        properties.setProperty("user", "admin");
        String internal = "jdbc:trino://127.0.0.1:" + config.get("stack.trino-internal-port");
        assertThatThrownBy(() -> {
            try (var connection = DriverManager.getConnection(internal, properties); var statement = connection.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM iceberg.leaderlens.order_scores").next();
            }
        }).isInstanceOf(SQLException.class);
    }

    /** What the jobs publish: the leaderboard updates, fraud alerts, model updates and the rate feed. */
    static List<String> outputTopics(LeaderlensConfig config) {
        return List.of(config.get("topics.leaderboard-updates"), config.get("topics.fraud-alerts"), config.get("topics.model-updates"),
                config.get("topics.commission-rates"));
    }

    private static long count(Trino trino, String sql) throws SQLException {
        return Long.parseLong(trino.query(sql).rows().get(0).get(0));
    }

    private static void assertRefused(Trino trino, String sql) {
        assertThatThrownBy(() -> trino.query(sql)).as(sql).isInstanceOf(SQLException.class).hasMessageContaining("Access Denied");
    }
}
