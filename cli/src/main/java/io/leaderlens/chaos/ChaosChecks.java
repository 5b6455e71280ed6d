package io.leaderlens.chaos;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.commissions.settlement.SettlementPeriod;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.common.InputTables;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.recompute.CommissionRecomputation;
import io.leaderlens.recompute.Difference;
import io.leaderlens.recompute.Recomputation;
import io.leaderlens.recompute.RecomputedRates;
import io.leaderlens.services.SettlementService;
import io.leaderlens.stack.Trino;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * After a chaos run: every table and output topic of its days and leaders against the recomputation from the
 * simulator's JSON lines ({@code recompute/}, which shares no code with the jobs). Leader figures and
 * leaderboards exactly; raw events, scores, alerts and rate-feed records exactly once; ledger balances and
 * statements to the cent; and no Iceberg snapshot committed twice for one checkpoint of one job.
 */
final class ChaosChecks {
    /** Tables the jobs write through Iceberg's Flink committer, which tags each snapshot with its job and checkpoint. */
    private static final List<String> COMMITTED_BY_JOBS = List.of("events_order", "events_group_buy", "events_referral", "events_coupon", "events_campaign",
            "leader_metrics_minute", "leader_metrics_daily", "leaderboard_daily", "order_scores", "member_scores", "fraud_alerts", "fraud_alert_changes",
            "commission_ledger", "commission_rate_changes");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeaderlensConfig config;
    private final Trino trino;
    private final Path eventsJsonl;
    private final ChaosRun.Options options;
    private final long asOf;
    private final Map<TopicPartition, Long> outputStart;
    private final List<String> jobIds;
    private final List<SettlementPeriod> weeks;
    private final Consumer<String> log;
    private final ZoneId zone;
    /** the simulator's ids carry its seed: this run's leaders, apart from every other run's on the same stack */
    private final String leaders;
    private final String days;

    ChaosChecks(LeaderlensConfig config, Trino trino, Path eventsJsonl, ChaosRun.Options options, long asOf,
            Map<TopicPartition, Long> outputStart, List<String> jobIds, List<SettlementPeriod> weeks, Consumer<String> log) {
        this.config = requireNonNull(config, "config");
        this.trino = requireNonNull(trino, "trino");
        this.eventsJsonl = requireNonNull(eventsJsonl, "eventsJsonl");
        this.options = requireNonNull(options, "options");
        this.asOf = asOf;
        this.outputStart = Map.copyOf(outputStart);
        this.jobIds = List.copyOf(jobIds);
        this.weeks = List.copyOf(weeks);
        this.log = requireNonNull(log, "log");
        this.zone = config.getZone("timezone");
        this.leaders = "L" + Long.toString(options.seed(), 36) + "-";
        // refunds, pickups and group deadlines run a few days past the simulated ones
        LocalDate first = options.firstDay();
        this.days = "day >= DATE '" + first + "' AND day < DATE '" + first.plusDays(options.days() + 30) + "'";
    }

    @FunctionalInterface
    private interface CheckBody {
        ChaosReport.Check run() throws Exception;
    }

    List<ChaosReport.Check> all() throws Exception {
        Recomputation expected = Recomputation.of(eventsJsonl, zone);
        List<ChaosReport.Check> checks = new ArrayList<>();
        checks.add(check("leader figures per day", () -> leaderFigures(expected)));
        checks.add(check("daily leaderboards", () -> leaderboards(expected)));
        checks.add(check("raw events landed once", () -> eventsOnce(expected)));
        checks.add(check("orders scored once", () -> ordersScoredOnce(expected)));
        List<CommissionRecomputation.Alert> alerts = new ArrayList<>();
        checks.add(check("fraud alerts once", () -> alertsOnce(alerts)));
        checks.add(check("early warnings at least once", () -> earlyWarnings(alerts)));
        CommissionRecomputation commissions = commissions(alerts);
        checks.add(check("ledger balances to the cent", () -> balances(commissions)));
        checks.add(check("statements to the cent, one settlement run per week", () -> statements(commissions)));
        checks.add(check("rate feed once", () -> rateFeed(commissions)));
        checks.add(check("no checkpoint committed twice", this::noCheckpointCommittedTwice));
        return checks;
    }

    private ChaosReport.Check check(String name, CheckBody body) {
        try {
            ChaosReport.Check result = body.run();
            log.accept("chaos check " + name + ": " + (result.passed() ? "ok" : "FAILED") + " - " + result.detail());
            return result;
        } catch (Exception | AssertionError e) {
            log.accept("chaos check " + name + ": FAILED - " + e);
            return new ChaosReport.Check(name, false, "could not be checked: " + e.getMessage());
        }
    }

    private ChaosReport.Check leaderFigures(Recomputation expected) throws Exception {
        Map<String, List<Long>> actual = new TreeMap<>();
        int rows = 0;
        for (List<String> row : trino.query("SELECT leader_id, day, net_gmv_cents, orders, buyers FROM iceberg.leaderlens.leader_metrics_daily "
                + "WHERE leader_id LIKE '" + leaders + "%' AND " + days).rows()) {
            actual.put(row.get(0) + " " + row.get(1), List.of(Long.parseLong(row.get(2)), Long.parseLong(row.get(3)), Long.parseLong(row.get(4))));
            rows++;
        }
        Map<String, List<Long>> recomputed = new TreeMap<>();
        expected.figures.forEach((key, f) -> recomputed.put(key.leaderId() + " " + key.day(), List.of(f.netCents(), f.orders, (long) f.buyers.size())));
        return compare("leader figures per day", "[net GMV cents, orders, buyers] of " + recomputed.size() + " leader-days", actual, recomputed,
                rows == actual.size() ? "" : (rows - actual.size()) + " leader-days twice");
    }

    private ChaosReport.Check leaderboards(Recomputation expected) throws Exception {
        Map<String, String> actual = new TreeMap<>();
        int rows = 0;
        for (List<String> row : trino.query("SELECT city, day, rank, leader_id, net_gmv_cents FROM iceberg.leaderlens.leaderboard_daily "
                + "WHERE leader_id LIKE '" + leaders + "%' AND " + days).rows()) {
            actual.put(row.get(0) + " " + row.get(1) + " #" + row.get(2), row.get(3) + " " + row.get(4));
            rows++;
        }
        Map<String, String> recomputed = new TreeMap<>();
        for (Recomputation.Ranked r : expected.topPerCityAndDay(config.getInt("job.leaderboard-size"))) {
            recomputed.put(r.city() + " " + r.day() + " #" + r.rank(), r.leaderId() + " " + r.netCents());
        }
        return compare("daily leaderboards", recomputed.size() + " places (city, day, rank)", actual, recomputed,
                rows == actual.size() ? "" : (rows - actual.size()) + " places twice");
    }

    private ChaosReport.Check eventsOnce(Recomputation expected) throws Exception {
        long landed = count(InputTables.countRawEventsSql("iceberg.leaderlens", "leader_id LIKE '" + leaders + "%' AND " + days));
        return new ChaosReport.Check("raw events landed once", landed == expected.uniqueEvents,
                String.format(java.util.Locale.ROOT, "%,d rows in events_*, %,d unique events simulated (%,d lines with resends)", landed,
                        expected.uniqueEvents, expected.lines));
    }

    private ChaosReport.Check ordersScoredOnce(Recomputation expected) throws Exception {
        long paid = expected.figures.values().stream().mapToLong(f -> f.orders).sum();
        List<String> row = trino.query("SELECT count(*), count(DISTINCT event_id) FROM iceberg.leaderlens.order_scores WHERE leader_id LIKE '"
                + leaders + "%' AND " + days).rows().get(0);
        long scores = Long.parseLong(row.get(0));
        long distinct = Long.parseLong(row.get(1));
        return new ChaosReport.Check("orders scored once", scores == paid && distinct == scores,
                String.format(java.util.Locale.ROOT, "%,d scores of %,d distinct events; %,d paid orders simulated", scores, distinct, paid));
    }

    /**
     * Every change of every alert once on the topic (alert id and revision), each alert closed once in
     * {@code fraud_alerts}, and every record of the topic once in {@code fraud_alert_changes}.
     */
    private ChaosReport.Check alertsOnce(List<CommissionRecomputation.Alert> alerts) throws Exception {
        List<String> changesOnTopic = new ArrayList<>();
        List<String> closedOnTopic = new ArrayList<>();
        for (ConsumerRecord<String, String> record : readCommitted(config.get("topics.fraud-alerts"))) {
            JsonNode a = JSON.readTree(record.value());
            if (a.get("leader_id").asText().startsWith(leaders)) {
                changesOnTopic.add(change(a.get("alert_id").asText(), a.get("revision").asInt()));
                if (a.get("status").asText().equals("CLOSED")) {
                    closedOnTopic.add(a.get("alert_id").asText());
                }
                alerts.add(CommissionRecomputation.Alert.of(a));
            }
        }
        alerts.sort(CommissionRecomputation.Alert.IN_ORDER);
        List<String> closedInTable = trino.query("SELECT alert_id FROM iceberg.leaderlens.fraud_alerts WHERE leader_id LIKE '" + leaders + "%' AND "
                + days).rows().stream().map(r -> r.get(0)).toList();
        List<String> changesInTable = trino.query("SELECT alert_id || '#' || CAST(revision AS VARCHAR) FROM iceberg.leaderlens.fraud_alert_changes "
                + "WHERE leader_id LIKE '" + leaders + "%' AND " + days).rows().stream().map(r -> r.get(0)).toList();
        Set<String> topicChanges = new TreeSet<>(changesOnTopic);
        Set<String> topicClosed = new TreeSet<>(closedOnTopic);
        Set<String> tableClosed = new TreeSet<>(closedInTable);
        Set<String> tableChanges = new TreeSet<>(changesInTable);
        boolean ok = !closedOnTopic.isEmpty() && topicChanges.size() == changesOnTopic.size() && topicClosed.size() == closedOnTopic.size()
                && tableClosed.size() == closedInTable.size() && tableChanges.size() == changesInTable.size()
                && topicClosed.equals(tableClosed) && topicChanges.equals(tableChanges);
        return new ChaosReport.Check("fraud alerts once", ok, String.format(java.util.Locale.ROOT,
                "%d alert changes on %s (%d distinct), %d in fraud_alert_changes (%d distinct)%s; %d alerts closed on the topic (%d distinct), "
                        + "%d rows in fraud_alerts (%d distinct)%s", changesOnTopic.size(), config.get("topics.fraud-alerts"), topicChanges.size(),
                changesInTable.size(), tableChanges.size(), topicChanges.equals(tableChanges) ? ", the same changes" : ", different changes",
                closedOnTopic.size(), topicClosed.size(), closedInTable.size(), tableClosed.size(),
                topicClosed.equals(tableClosed) ? ", the same alerts" : ", different alerts"));
    }

    /**
     * Every change on the exactly-once topic is on the early-warning topic too (at least once: nothing lost across the
     * faults; copies sent again after a restart are counted, not refused).
     */
    private ChaosReport.Check earlyWarnings(List<CommissionRecomputation.Alert> alerts) throws Exception {
        Set<String> committed = new TreeSet<>();
        for (CommissionRecomputation.Alert alert : alerts) {
            committed.add(change(alert.alertId(), alert.revision()));
        }
        long received = 0;
        Set<String> early = new TreeSet<>();
        for (ConsumerRecord<String, String> record : readCommitted(config.get("topics.fraud-alerts-early"))) {
            JsonNode a = JSON.readTree(record.value());
            if (a.get("leader_id").asText().startsWith(leaders)) {
                received++;
                early.add(change(a.get("alert_id").asText(), a.get("revision").asInt()));
            }
        }
        Set<String> missing = new TreeSet<>(committed);
        missing.removeAll(early);
        Set<String> extra = new TreeSet<>(early);
        extra.removeAll(committed);
        return new ChaosReport.Check("early warnings at least once", !committed.isEmpty() && missing.isEmpty() && extra.isEmpty(),
                String.format(java.util.Locale.ROOT, "%d records on %s, %d distinct changes (%d sent more than once); %d of the %d committed "
                        + "changes missing%s, %d not among them%s", received, config.get("topics.fraud-alerts-early"), early.size(), received - early.size(),
                        missing.size(), committed.size(), missing.isEmpty() ? "" : " (e.g. " + missing.iterator().next() + ")",
                        extra.size(), extra.isEmpty() ? "" : " (e.g. " + extra.iterator().next() + ")"));
    }

    /** One change of an alert, as the alert checks compare them: its id and revision (the SQL side builds the same). */
    private static String change(String alertId, int revision) {
        return alertId + "#" + revision;
    }

    /** The commission recomputation over the simulated events and the alerts that were raised (no verdicts in a chaos run). */
    private CommissionRecomputation commissions(List<CommissionRecomputation.Alert> alerts) throws Exception {
        CommissionRecomputation expected = new CommissionRecomputation(RecomputedRates.read(Path.of(config.get("commissions.rate-card"))),
                config.getDuration("commissions.protection-window").toMillis(), new BigDecimal(config.get("commissions.rate-step")));
        List<CommissionRecomputation.Input> inputs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(eventsJsonl)) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode e = JSON.readTree(line);
                // a campaign's events are the platform's, not a leader's: no commission moves with them
                if (seen.add(e.get("event_id").asText()) && e.has("leader_id")) {
                    inputs.add(CommissionRecomputation.Input.event(e));
                }
            }
        }
        alerts.forEach(a -> inputs.add(CommissionRecomputation.Input.alert(a)));
        expected.run(inputs, asOf);
        return expected;
    }

    private ChaosReport.Check balances(CommissionRecomputation expected) throws Exception {
        Map<String, List<Long>> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT leader_id, pending_cents, frozen_cents, credited_cents, held_cents, clawed_back_cents, "
                + "reversed_cents, voided_cents FROM iceberg.leaderlens.leader_balances WHERE leader_id LIKE '" + leaders + "%'").rows()) {
            actual.put(row.get(0), row.subList(1, 8).stream().map(Long::parseLong).toList());
        }
        Map<String, List<Long>> recomputed = new TreeMap<>();
        expected.balances.forEach((leader, b) -> recomputed.put(leader, b.asList()));
        recomputed.values().removeIf(v -> v.stream().allMatch(x -> x == 0));
        actual.values().removeIf(v -> v.stream().allMatch(x -> x == 0));
        long credited = recomputed.values().stream().mapToLong(v -> v.get(2)).sum();
        return compare("ledger balances to the cent", String.format(java.util.Locale.ROOT,
                "[pending, frozen, credited, held, clawed back, reversed, voided] of %d leaders, %,d cents credited", recomputed.size(), credited),
                actual, recomputed, credited > 0 ? "" : "nothing was credited");
    }

    private ChaosReport.Check statements(CommissionRecomputation expected) throws Exception {
        Map<String, Long> actual = new TreeMap<>();
        Map<String, Long> recomputed = new TreeMap<>();
        long previousEnd = Long.MIN_VALUE;
        List<String> problems = new ArrayList<>();
        for (SettlementPeriod week : weeks) {
            long from = previousEnd;
            long end = week.endMillis(zone);
            expected.credits.stream().filter(c -> c.at() >= from && c.at() < end)
                    .forEach(c -> recomputed.merge(week.name() + " " + c.leaderId(), c.cents(), Long::sum));
            for (List<String> row : trino.query("SELECT leader_id, payout_cents FROM iceberg.leaderlens.settlement_statements WHERE period = '"
                    + week.name() + "' AND leader_id LIKE '" + leaders + "%'").rows()) {
                if (actual.put(week.name() + " " + row.get(0), Long.parseLong(row.get(1))) != null) {
                    problems.add(row.get(0) + " has two statements for " + week.name());
                }
            }
            for (String table : List.of("settlement_items", "settlement_statements")) {
                long runs = count("SELECT count(DISTINCT summary['" + SettlementService.RUN_PROPERTY + "']) FROM iceberg.leaderlens.\"" + table
                        + "$snapshots\" WHERE summary['" + SettlementService.PERIOD_PROPERTY + "'] = '" + week.name() + "'");
                if (runs > 1) {
                    problems.add(week.name() + " written to " + table + " by " + runs + " settlement runs");
                }
            }
            previousEnd = end;
        }
        recomputed.values().removeIf(v -> v == 0);
        actual.values().removeIf(v -> v == 0);
        long paid = actual.values().stream().mapToLong(Long::longValue).sum();
        return compare("statements to the cent, one settlement run per week", String.format(java.util.Locale.ROOT,
                "payouts of %d leader-weeks over %d weeks, %,d cents", recomputed.size(), weeks.size(), paid), actual, recomputed,
                String.join("; ", problems));
    }

    private ChaosReport.Check rateFeed(CommissionRecomputation expected) throws Exception {
        Map<String, String> latest = new HashMap<>();
        long messages = 0;
        for (ConsumerRecord<String, String> record : readCommitted(config.get("topics.commission-rates"))) {
            if (record.key().startsWith(leaders)) {
                latest.put(record.key(), JSON.readTree(record.value()).get("rate").asText());
                messages++;
            }
        }
        long changes = count("SELECT count(*) FROM iceberg.leaderlens.commission_rate_changes WHERE leader_id LIKE '" + leaders + "%'");
        long published = expected.ratesPublished.values().stream().mapToLong(Integer::longValue).sum();
        Map<String, String> current = new HashMap<>();
        for (List<String> row : trino.query("SELECT leader_id || '|' || category, CAST(rate AS VARCHAR) FROM iceberg.leaderlens.commission_rates "
                + "WHERE valid_to IS NULL AND leader_id LIKE '" + leaders + "%'").rows()) {
            current.put(row.get(0), row.get(1));
        }
        boolean ok = messages == changes && changes == published && latest.equals(current) && published > 0;
        return new ChaosReport.Check("rate feed once", ok, String.format(java.util.Locale.ROOT,
                "%d messages on %s, %d rows in commission_rate_changes, %d rate changes recomputed; latest rate per leader and category %s",
                messages, config.get("topics.commission-rates"), changes, published, latest.equals(current) ? "equals commission_rates" : "differs"));
    }

    private ChaosReport.Check noCheckpointCommittedTwice() throws Exception {
        String ids = "'" + String.join("', '", jobIds) + "'";
        List<String> twice = new ArrayList<>();
        long commits = 0;
        for (String table : COMMITTED_BY_JOBS) {
            for (List<String> row : trino.query("SELECT summary['flink.job-id'], summary['flink.max-committed-checkpoint-id'], count(*) "
                    + "FROM iceberg.leaderlens.\"" + table + "$snapshots\" WHERE summary['flink.job-id'] IN (" + ids + ") "
                    + "GROUP BY 1, 2").rows()) {
                commits += Long.parseLong(row.get(2));
                if (Long.parseLong(row.get(2)) > 1) {
                    twice.add(table + ": job " + row.get(0) + " checkpoint " + row.get(1) + " x" + row.get(2));
                }
            }
        }
        return new ChaosReport.Check("no checkpoint committed twice", twice.isEmpty() && commits > 0, twice.isEmpty()
                ? String.format(java.util.Locale.ROOT, "%,d commits of %d jobs to %d tables, each (job, checkpoint) once", commits, jobIds.size(),
                        COMMITTED_BY_JOBS.size())
                : String.join("; ", twice));
    }

    /** Equal maps pass; otherwise the detail names the first differences as {@code key: landed / recomputed}. */
    static <V> ChaosReport.Check compare(String name, String what, Map<String, V> actual, Map<String, V> expected, String problem) {
        List<Difference<V>> differences = Difference.between(actual, expected);
        boolean ok = differences.isEmpty() && problem.isEmpty() && !expected.isEmpty();
        String detail = ok ? what + " equal the recomputation"
                : what + ": " + differences.size() + " differ" + (differences.isEmpty() ? "" : " (" + differences.subList(0, Math.min(5, differences.size())).stream()
                        .map(Difference::toString).collect(java.util.stream.Collectors.joining("; ")) + ")") + (problem.isEmpty() ? "" : "; " + problem)
                        + (expected.isEmpty() ? "; nothing recomputed" : "");
        return new ChaosReport.Check(name, ok, detail);
    }

    /** What the topic holds from the run's start, as a read_committed consumer sees it (aborted transactions skipped). */
    private List<ConsumerRecord<String, String>> readCommitted(String topic) {
        return KafkaOffsets.readCommitted(config.get("kafka.bootstrap-servers"), KafkaOffsets.ofTopic(outputStart, topic));
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(trino.query(sql).rows().get(0).get(0));
    }
}
