package io.leaderlens.it;

import io.leaderlens.cli.CliContext;
import io.leaderlens.services.Simulations;
import io.leaderlens.recompute.CommissionRecomputation;
import io.leaderlens.recompute.Difference;
import io.leaderlens.recompute.RecomputedRates;
import io.leaderlens.jobs.runtime.JobRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.chaos.KilledSettlement;
import io.leaderlens.cli.SettleCommand;
import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.commissions.settlement.SettlementPeriod;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.events.codec.JsonEventCodec;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.jobs.commissions.CommissionRunner;
import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;
import io.leaderlens.jobs.io.KafkaOffsets;

import io.leaderlens.services.AlertVerdicts;
import io.leaderlens.services.DecisionPublisher;
import io.leaderlens.services.SettlementService;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A simulated fortnight through the fraud and commission jobs on the real stack, settled week by week, and
 * every leader's commission recomputed independently from the simulator's events, the alerts and the
 * verdicts: credited, held, clawed back (and the rest) match the ledger to the cent, and the statements
 * match the recomputed credits per week.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class CommissionsIT {
    private static final long SEED = 909;
    private static final LocalDate FIRST_DAY = LocalDate.of(2032, 1, 8); // a Thursday in 2032-W02, apart from the other ITs
    private static final int DAYS = 14;
    private static final long DAY = 86_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** the simulator's leader ids carry its seed: other runs on the shared stack (the chaos test's) have other leaders */
    private static final String OUR_LEADERS = "L" + Long.toString(SEED, 36) + "-";

    private LeaderlensConfig config;
    private Trino trino;
    private ZoneId zone;
    private CommissionRecomputation expected;
    private List<SettlementPeriod> weeks;
    private final List<String> lateRefunds = new ArrayList<>();
    private String releasedAlert;
    private String reversedAlert;
    private Map<TopicPartition, Long> rateFeedStart;
    private SettlementService settlement;
    /** [statements, items] of the last week right after the killed settle run */
    private List<String> killedSettlementLeft;

    @BeforeAll
    void simulateScoreAndPay() throws Exception {
        config = SharedStack.config();
        trino = io.leaderlens.cli.CliContext.trino(config);
        zone = config.getZone("timezone");
        String bootstrap = config.get("kafka.bootstrap-servers");
        Map<TopicPartition, Long> start = new HashMap<>(KafkaOffsets.endOffsets(bootstrap, JobRuntime.eventTopics(config)));
        start.putAll(KafkaOffsets.endOffsets(bootstrap, CommissionRunner.controlTopics(config)));
        rateFeedStart = KafkaOffsets.endOffsets(bootstrap, List.of(config.get("topics.commission-rates")));

        SimulationOptions d = SimulationOptions.defaults(SEED, 90_000, DAYS);
        SimulationOptions options = new SimulationOptions(SEED, d.events(), DAYS, FIRST_DAY, d.zone(), d.maxJitterMillis(),
                d.duplicateRate(), true);
        Path files = Path.of("target/it-commissions");
        Simulations.toFiles(options, files);
        List<JsonNode> events = readEvents(files.resolve("events.jsonl"));
        List<OrderEvent> lateRefunds = refundsAfterCrediting(events);
        replayWith(files.resolve("events.jsonl"), lateRefunds);
        for (OrderEvent refund : lateRefunds) {
            events.add(JSON.readTree(new JsonEventCodec().encode(refund)));
        }

        // fraud alerts for these days, from models trained on another world
        Path registry = Path.of("target/it-commissions-registry").toAbsolutePath();
        LeaderMetricsIT.trainFraudModels(registry);
        LeaderlensConfig fraudConfig = config.with("fraud.registry", registry.toString()).with("fraud.consumer-group", "it-commissions-fraud");
        FraudScoringRunner fraud = new FraudScoringRunner(fraudConfig);
        fraud.run(fraud.environment(), true, start);
        List<CommissionRecomputation.Alert> alerts = readAlerts(bootstrap, start);
        assertThat(alerts).as("the fraud job raised alerts that hold commission").anyMatch(a -> a.action().equals("HOLD_COMMISSION"));

        // the risk team's verdicts on two leaders held by a single alert each: one released, one reversed
        List<CommissionRecomputation.Verdict> verdicts = new ArrayList<>();
        Map<String, List<CommissionRecomputation.Alert>> holdsByLeader = new TreeMap<>();
        alerts.stream().filter(CommissionsIT::beginsHold)
                .forEach(a -> holdsByLeader.computeIfAbsent(a.leaderId(), l -> new ArrayList<>()).add(a));
        List<CommissionRecomputation.Alert> single = holdsByLeader.values().stream().filter(l -> l.size() == 1).map(l -> l.get(0))
                .filter(a -> a.action().equals("HOLD_COMMISSION")).toList();
        assertThat(single).as("leaders held by one model alert").hasSizeGreaterThanOrEqualTo(2);
        releasedAlert = single.get(0).alertId();
        verdicts.add(publishVerdict(single.get(0), true, 2 * DAY));
        reversedAlert = single.get(1).alertId();
        verdicts.add(publishVerdict(single.get(1), false, DAY));

        long asOf = FIRST_DAY.plusDays(DAYS).atStartOfDay(zone).toInstant().toEpochMilli();
        CommissionRunner commissions = new CommissionRunner(config.with("commissions.consumer-group", "it-commissions"));
        io.leaderlens.cli.RateCardTable.record(config, commissions.settings().calculator().card());
        commissions.run(commissions.environment(), true, start, asOf);

        weeks = new ArrayList<>();
        for (LocalDate week = SettlementPeriod.weekOf(FIRST_DAY).firstDay(); week.isBefore(FIRST_DAY.plusDays(DAYS)); week = week.plusWeeks(1)) {
            weeks.add(SettlementPeriod.weekOf(week));
        }
        settlement = CliContext.settlement(config);
        // credits land a protection window after the order: the first week may credit nothing
        int firstCredited = 0;
        while (count("SELECT count(*) FROM iceberg.leaderlens.commission_ledger WHERE bucket = 'CREDITED' AND event_time >= "
                + "from_iso8601_timestamp_nanos('" + java.time.Instant.ofEpochMilli(weeks.get(firstCredited).startMillis(zone)) + "') AND event_time < "
                + "from_iso8601_timestamp_nanos('" + java.time.Instant.ofEpochMilli(weeks.get(firstCredited).endMillis(zone)) + "')") == 0) {
            firstCredited++;
        }
        assertThat(firstCredited).as("a week with credits before the last week").isLessThan(weeks.size() - 1);
        SettlementPeriod openWeek = weeks.get(firstCredited);
        SettlementPeriod weekAfter = weeks.get(firstCredited + 1);
        assertThatThrownBy(() -> settlement.settle(weekAfter, System.currentTimeMillis()))
                .as("a week is not settled while the week before has open entries").isInstanceOf(SettlementService.Refused.class)
                .hasMessageContaining("settle " + openWeek.name() + " first");
        for (SettlementPeriod week : weeks.subList(0, weeks.size() - 1)) {
            settlement.settle(week, System.currentTimeMillis());
        }
        // the last week: ./leaderlens settle killed (SIGKILL) as it commits, then run again
        SettlementPeriod last = weeks.get(weeks.size() - 1);
        killedSettlementLeft = killSettleWhileCommitting(last);
        System.out.println("after the kill, " + last.name() + " has [statements, items] " + killedSettlementLeft);
        settlement.settle(last, System.currentTimeMillis());

        expected = new CommissionRecomputation(RecomputedRates.read(Path.of("../conf/rate-card.properties")), config.getDuration("commissions.protection-window").toMillis(),
                new BigDecimal(config.get("commissions.rate-step")));
        List<CommissionRecomputation.Input> inputs = new ArrayList<>();
        events.forEach(e -> inputs.add(CommissionRecomputation.Input.event(e)));
        alerts.forEach(a -> inputs.add(CommissionRecomputation.Input.alert(a)));
        verdicts.forEach(v -> inputs.add(CommissionRecomputation.Input.verdict(v)));
        expected.run(inputs, asOf);
    }

    @Test
    void everyLeadersBalancesEqualTheRecomputationToTheCent() throws Exception {
        Map<String, List<Long>> actual = new TreeMap<>();
        for (List<String> row : trino.query("SELECT leader_id, pending_cents, frozen_cents, credited_cents, held_cents, clawed_back_cents, "
                + "reversed_cents, voided_cents FROM iceberg.leaderlens.leader_balances WHERE leader_id LIKE '" + OUR_LEADERS + "%'").rows()) {
            actual.put(row.get(0), row.subList(1, 8).stream().map(Long::parseLong).toList());
        }
        Map<String, List<Long>> recomputed = new TreeMap<>();
        expected.balances.forEach((leader, b) -> recomputed.put(leader, b.asList()));
        recomputed.values().removeIf(v -> v.stream().allMatch(x -> x == 0));
        actual.values().removeIf(v -> v.stream().allMatch(x -> x == 0));
        List<Difference<List<Long>>> diff = Difference.between(actual, recomputed);
        StringBuilder lines = new StringBuilder();
        for (String leader : diff.stream().limit(3).map(Difference::key).toList()) {
            Map<String, String> ledgerLines = new TreeMap<>();
            for (List<String> row : trino.query("SELECT line_id, bucket, sum(amount_cents), max(CAST(rate AS VARCHAR)) FROM iceberg.leaderlens.commission_ledger "
                    + "WHERE beneficiary_leader_id = '" + leader + "' GROUP BY line_id, bucket HAVING sum(amount_cents) <> 0").rows()) {
                ledgerLines.put(row.get(0), row.get(1) + " " + row.get(2) + (row.get(3) == null ? "" : " @" + row.get(3)));
            }
            Map<String, String> recomputedLines = new TreeMap<>(expected.finalLines);
            recomputedLines.keySet().removeIf(id -> !id.endsWith(":" + leader));
            recomputedLines.values().removeIf(v -> v.split(" ")[1].equals("0"));
            lines.append("\nlines of ").append(leader).append(": ").append(Difference.between(ledgerLines, recomputedLines));
        }
        assertThat(diff).as("leader: [pending, frozen, credited, held, clawed back, reversed, voided] landed / recomputed" + lines).isEmpty();
        long credited = recomputed.values().stream().mapToLong(v -> v.get(2)).sum();
        assertThat(credited).as("a fortnight credits commission").isPositive();
        assertThat(recomputed.values().stream().mapToLong(v -> v.get(3)).sum()).as("open alerts hold commission").isPositive();
    }

    @Test
    void statementsPayTheRecomputedCreditsOfEachWeekAndReconcileToTheLedger() throws Exception {
        long previousEnd = Long.MIN_VALUE;
        for (SettlementPeriod week : weeks) {
            long end = week.endMillis(zone);
            long from = previousEnd;
            Map<String, Long> due = new TreeMap<>();
            expected.credits.stream().filter(c -> c.at() >= from && c.at() < end)
                    .forEach(c -> due.merge(c.leaderId(), c.cents(), Long::sum));
            Map<String, Long> paid = new TreeMap<>();
            for (List<String> row : trino.query("SELECT leader_id, payout_cents FROM iceberg.leaderlens.settlement_statements WHERE period = '"
                    + week.name() + "'").rows()) {
                paid.put(row.get(0), Long.parseLong(row.get(1)));
            }
            due.values().removeIf(v -> v == 0);
            paid.values().removeIf(v -> v == 0);
            assertThat(Difference.between(paid, due)).as("payouts of " + week.name() + " in statements / recomputed").isEmpty();
            List<String> reconcile = trino.query("SELECT (SELECT coalesce(sum(payout_cents), 0) FROM iceberg.leaderlens.settlement_statements "
                    + "WHERE period = '" + week.name() + "'), (SELECT coalesce(sum(l.amount_cents), 0) FROM iceberg.leaderlens.commission_ledger l "
                    + "JOIN iceberg.leaderlens.settlement_items i ON i.entry_id = l.entry_id WHERE i.period = '" + week.name() + "')").rows().get(0);
            assertThat(reconcile.get(0)).as("statements of " + week.name() + " equal their ledger entries").isEqualTo(reconcile.get(1));
            previousEnd = end;
        }
        assertThat(expected.credits.stream().filter(c -> c.at() < weeks.get(weeks.size() - 1).endMillis(zone)).mapToLong(c -> c.cents()).sum())
                .as("every credited cent is in some statement")
                .isEqualTo(Long.parseLong(trino.query("SELECT sum(payout_cents) FROM iceberg.leaderlens.settlement_statements WHERE period IN ("
                        + String.join(",", weeks.stream().map(w -> "'" + w.name() + "'").toList()) + ")").rows().get(0).get(0)));
    }

    @Test
    void reSettlingAWeekChangesNothing() throws Exception {
        SettlementPeriod last = weeks.get(weeks.size() - 1);
        String before = trino.query("SELECT count(*), sum(payout_cents) FROM iceberg.leaderlens.settlement_statements WHERE period = '"
                + last.name() + "'").rows().toString();
        SettlementService.Summary again = settlement.settle(last, System.currentTimeMillis());
        assertThat(again.alreadySettled()).isTrue();
        assertThat(trino.query("SELECT count(*), sum(payout_cents) FROM iceberg.leaderlens.settlement_statements WHERE period = '"
                + last.name() + "'").rows().toString()).isEqualTo(before);
    }

    @Test
    void eachWeekIsSettledByOneRunWhoseCommitCarriesBothItsItemsAndItsStatements() throws Exception {
        for (SettlementPeriod week : weeks) {
            List<List<String>> runs = new ArrayList<>();
            for (String table : List.of("settlement_items", "settlement_statements")) {
                runs.add(trino.query("SELECT summary['" + SettlementService.RUN_PROPERTY + "'] FROM iceberg.leaderlens.\"" + table
                        + "$snapshots\" WHERE summary['" + SettlementService.PERIOD_PROPERTY + "'] = '" + week.name() + "'").rows()
                        .stream().map(r -> r.get(0)).toList());
            }
            boolean settledAnything = count("SELECT count(*) FROM iceberg.leaderlens.settlement_statements WHERE period = '" + week.name() + "'") > 0;
            assertThat(runs.get(0)).as("settlement runs that wrote items of " + week.name()).hasSize(settledAnything ? 1 : 0);
            assertThat(runs.get(1)).as("settlement runs that wrote statements of " + week.name()).isEqualTo(runs.get(0));
        }
    }

    /**
     * A settle process killed with SIGKILL while it commits leaves its week either wholly settled or not at all (items
     * and statements are one commit), and the run after it settles the week once: the statements test above checks
     * that week's payouts against the recomputation.
     */
    @Test
    void aSettlementKilledWhileCommittingLeavesItsWeekWhollySettledOrNotAtAll() {
        long statements = Long.parseLong(killedSettlementLeft.get(0));
        long items = Long.parseLong(killedSettlementLeft.get(1));
        assertThat(statements == 0 && items == 0 || statements > 0 && items > 0)
                .as("after the kill: " + statements + " statements, " + items + " items").isTrue();
    }

    @Test
    void aRefundAfterCreditingIsAnAdjustmentOfTheWeekItHappensIn() throws Exception {
        String orders = String.join(",", lateRefunds.stream().map(o -> "'" + o + "'").toList());
        List<List<String>> clawbacks = trino.query("SELECT beneficiary_leader_id, date_diff('millisecond', from_unixtime(0), event_time), "
                + "amount_cents FROM iceberg.leaderlens.commission_ledger WHERE bucket = 'CREDITED' AND amount_cents < 0 AND cause = 'REFUNDED' "
                + "AND source_id IN (" + orders + ")").rows();
        assertThat(clawbacks).as("refunds after crediting are negative CREDITED entries").isNotEmpty();
        for (List<String> c : clawbacks) {
            long at = Long.parseLong(c.get(1));
            SettlementPeriod week = weeks.stream().filter(w -> w.startMillis(zone) <= at && at < w.endMillis(zone)).findFirst().orElseThrow();
            long adjustment = Long.parseLong(trino.query("SELECT adjustment_cents FROM iceberg.leaderlens.settlement_statements WHERE period = '"
                    + week.name() + "' AND leader_id = '" + c.get(0) + "'").rows().get(0).get(0));
            assertThat(adjustment).as("adjustment of " + c.get(0) + " in " + week.name()).isLessThanOrEqualTo(Long.parseLong(c.get(2)));
        }
    }

    @Test
    void aFailedGroupEarnsNothing() throws Exception {
        assertThat(expected.failedGroupOrders).isNotEmpty();
        String some = String.join(",", expected.failedGroupOrders.stream().limit(500).map(o -> "'" + o + "'").toList());
        assertThat(trino.query("SELECT bucket, sum(amount_cents) FROM iceberg.leaderlens.commission_ledger WHERE source_id IN (" + some + ") "
                + "GROUP BY bucket HAVING sum(amount_cents) <> 0").rows()).allSatisfy(row -> assertThat(row.get(0)).isIn("VOIDED", "CLAWED_BACK"));
    }

    @Test
    void aFraudFlaggedLeadersCommissionIsHeldAndTheVerdictsApply() throws Exception {
        assertThat(Long.parseLong(trino.query("SELECT coalesce(sum(held_cents), 0) FROM iceberg.leaderlens.v_held_commission").rows().get(0).get(0)))
                .isPositive();
        assertThat(trino.query("SELECT count(*) FROM iceberg.leaderlens.commission_ledger WHERE cause = 'ALERT_RELEASED' AND reason LIKE '%"
                + releasedAlert + "%'").rows().get(0).get(0)).isNotEqualTo("0");
        assertThat(trino.query("SELECT count(*) FROM iceberg.leaderlens.commission_ledger WHERE cause = 'ALERT_REVERSED' AND reason LIKE '%"
                + reversedAlert + "%'").rows().get(0).get(0)).isNotEqualTo("0");
    }

    @Test
    void theRateFeedHoldsTheLatestRateOfEveryLeaderAndCategoryExactlyOnce() throws Exception {
        Map<String, String> latest = new HashMap<>();
        long messages = 0;
        for (var record : KafkaOffsets.readCommitted(config.get("kafka.bootstrap-servers"), rateFeedStart)) {
            if (record.key().startsWith(OUR_LEADERS)) {
                latest.put(record.key(), JSON.readTree(record.value()).get("rate").asText());
                messages++;
            }
        }
        long changes = Long.parseLong(trino.query("SELECT count(*) FROM iceberg.leaderlens.commission_rate_changes WHERE leader_id LIKE '" + OUR_LEADERS + "%'").rows().get(0).get(0));
        assertThat(messages).as("one message per published change").isEqualTo(changes);
        assertThat(changes).isEqualTo(expected.ratesPublished.values().stream().mapToLong(Integer::longValue).sum());
        Map<String, String> current = new HashMap<>();
        for (List<String> row : trino.query("SELECT leader_id || '|' || category, CAST(rate AS VARCHAR) FROM iceberg.leaderlens.commission_rates "
                + "WHERE valid_to IS NULL AND leader_id LIKE '" + OUR_LEADERS + "%'").rows()) {
            current.put(row.get(0), row.get(1));
        }
        assertThat(latest).isEqualTo(current);
    }

    @Test
    void noTableOrOutputTopicHoldsARawIdentifierOfThisWorld() throws Exception {
        RawIdentifiers raw = RawIdentifiers.of(Path.of("target/it-commissions/events.jsonl"));
        assertThat(raw.size()).isGreaterThan(1_000);
        // the fraud job's device and IP features ran on these identifiers (pseudonymised), and its alerts name reasons
        assertThat(count("SELECT count(*) FROM iceberg.leaderlens.fraud_alerts WHERE day >= DATE '2032-01-01' AND day < DATE '2033-01-01'"))
                .isPositive();
        assertThat(raw.foundInTables(trino, "raw_identifiers_909")).as("text columns holding a raw identifier").isEmpty();
        assertThat(raw.foundInTopics(config, LakehouseHygieneIT.outputTopics(config))).as("output topics holding a raw identifier").isEmpty();
    }

    @Test
    void theRateCardInForceIsLandedInIceberg() throws Exception {
        RecomputedRates card = RecomputedRates.read(Path.of("../conf/rate-card.properties"));
        Map<String, String> landed = new TreeMap<>();
        for (List<String> row : trino.query("SELECT item, subject, value FROM iceberg.leaderlens.rate_card WHERE version = '"
                + card.version + "'").rows()) {
            landed.put(row.get(0) + "/" + row.get(1), row.get(2));
        }
        assertThat(landed).containsEntry("base_rate/beauty", card.baseRates.get("beauty").toPlainString())
                .containsEntry("second_tier_share/", card.secondTierShare.toPlainString())
                .containsEntry("new_member_bonus_cents/", Long.toString(card.newMemberBonusCents))
                .containsEntry("commission_base/", card.onListAmount ? "LIST" : "PAID")
                .hasSize(card.baseRates.size() + 3 * card.levelCount() + 4 + card.noNewMemberBonusOn.size() + 6);
        card.noNewMemberBonusOn.forEach(kind -> assertThat(landed).containsEntry("no_new_member_bonus_on/" + kind, "true"));
    }

    @Test
    void commissionNotebookQueriesRunOnTrinoAndFindData() throws Exception {
        Path notebook = Path.of("../notebooks/commissions.ipynb");
        Trino asItsRole = Notebooks.asItsRole(config, notebook); // the rules must let it read all it asks
        for (Notebooks.Cell cell : Notebooks.sqlCells(notebook)) {
            List<List<String>> rows = asItsRole.query(cell.sql()).rows();
            if (!cell.mayBeEmpty()) {
                assertThat(rows).as("rows of commissions notebook query:\n" + cell.sql()).isNotEmpty();
            }
        }
    }

    private static List<JsonNode> readEvents(Path file) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode e = JSON.readTree(line);
            // a campaign's events are the platform's, not a leader's: no commission moves with them
            if (seen.add(e.get("event_id").asText()) && e.has("leader_id")) {
                events.add(e);
            }
        }
        return events;
    }

    /**
     * Refunds the simulator never makes: full refunds of a few orders picked up on the first days, nine days
     * after pickup (after their commission was credited).
     */
    private List<OrderEvent> refundsAfterCrediting(List<JsonNode> events) {
        Map<String, JsonNode> paid = new HashMap<>();
        events.stream().filter(e -> e.get("schema").asText().equals("OrderEvent") && e.get("type").asText().equals("PAID"))
                .forEach(e -> paid.put(e.get("order_id").asText(), e));
        Set<String> refunded = new HashSet<>();
        events.stream().filter(e -> e.get("schema").asText().equals("OrderEvent") && e.get("type").asText().equals("REFUNDED"))
                .forEach(e -> refunded.add(e.get("order_id").asText()));
        long firstDay = FIRST_DAY.atStartOfDay(zone).toInstant().toEpochMilli();
        List<JsonNode> confirmations = events.stream().filter(e -> e.get("schema").asText().equals("OrderEvent")
                        && e.get("type").asText().equals("CONFIRMED") && e.get("event_time").asLong() < firstDay + 2 * DAY
                        && !refunded.contains(e.get("order_id").asText()) && paid.containsKey(e.get("order_id").asText())
                        && paid.get(e.get("order_id").asText()).get("group_buy_id").isNull())
                .limit(5).toList();
        List<OrderEvent> refunds = new ArrayList<>();
        for (JsonNode c : confirmations) {
            JsonNode p = paid.get(c.get("order_id").asText());
            refunds.add(OrderEvent.newBuilder().setEventId("it-late-refund-" + refunds.size()).setOrderId(p.get("order_id").asText())
                    .setType(OrderEventType.REFUNDED).setUserId(p.get("user_id").asText()).setLeaderId(p.get("leader_id").asText())
                    .setCity(p.get("city").asText()).setGroupBuyId(null).setProductId(p.get("product_id").asText())
                    .setCategory(p.get("category").asText()).setQuantity(p.get("quantity").asInt())
                    .setAmountCents(p.get("amount_cents").asLong()).setCurrency("CNY").setPickupPointId(p.get("pickup_point_id").asText())
                    .setDeviceId(p.get("device_id").asText()).setIp(p.get("ip").asText()).setPaymentAccount(p.get("payment_account").asText())
                    .setEventTime(c.get("event_time").asLong() + 9 * DAY).build());
            lateRefunds.add(p.get("order_id").asText());
        }
        assertThat(refunds).as("orders to refund after crediting").isNotEmpty();
        return refunds;
    }

    /** The simulated events to Kafka in the simulator's order, each extra event where its time belongs (not late). */
    private void replayWith(Path eventsJsonl, List<OrderEvent> extra) throws Exception {
        List<OrderEvent> pending = new ArrayList<>(extra);
        pending.sort(java.util.Comparator.comparingLong(OrderEvent::getEventTime));
        JsonEventCodec codec = new JsonEventCodec();
        Path labels = Files.createTempFile("it-commissions-labels", ".jsonl");
        try (var kafka = new io.leaderlens.simulator.KafkaEventWriter(config.get("kafka.bootstrap-servers"),
                io.leaderlens.cli.CliContext.eventTopics(config), labels)) {
            for (String line : Files.readAllLines(eventsJsonl)) {
                var event = codec.decode(line);
                while (!pending.isEmpty() && pending.get(0).getEventTime() <= event.eventTime()) {
                    kafka.write(pending.remove(0));
                }
                kafka.write(event.record());
            }
            for (OrderEvent rest : pending) {
                kafka.write(rest);
            }
        }
    }

    private List<CommissionRecomputation.Alert> readAlerts(String bootstrap, Map<TopicPartition, Long> start) throws Exception {
        List<CommissionRecomputation.Alert> alerts = new ArrayList<>();
        for (var record : KafkaOffsets.readCommitted(bootstrap, KafkaOffsets.ofTopic(start, config.get("topics.fraud-alerts")))) {
            alerts.add(CommissionRecomputation.Alert.of(JSON.readTree(record.value())));
        }
        alerts.sort(CommissionRecomputation.Alert.IN_ORDER);
        return alerts;
    }

    /** The alert's record from which it holds commission: its action holds, the record before's did not. */
    private static boolean beginsHold(CommissionRecomputation.Alert alert) {
        return !alert.action().equals("REVIEW") && (alert.previousAction() == null || alert.previousAction().equals("REVIEW"));
    }

    private CommissionRecomputation.Verdict publishVerdict(CommissionRecomputation.Alert alert, boolean release, long after) throws Exception {
        long at = alert.at() + after;
        try (DecisionPublisher publisher = DecisionPublisher.to(config.get("kafka.bootstrap-servers"))) {
            new AlertVerdicts(publisher, config.get("topics.alert-resolutions")).decide(alert.alertId(), alert.leaderId(),
                    release ? LeaderLedger.Outcome.RELEASE : LeaderLedger.Outcome.REVERSE, "it-analyst",
                    release ? "genuine group event" : "brushing confirmed", at);
        }
        return new CommissionRecomputation.Verdict(alert.alertId(), alert.leaderId(), release, at);
    }

    /** Runs {@code leaderlens settle} in its own JVM, kills it once it says it is committing; the week's [statements, items] after. */
    private List<String> killSettleWhileCommitting(SettlementPeriod week) throws Exception {
        Path configFile = SharedStack.writeConfig(config, Path.of("target/it-commissions-settle.properties"));
        KilledSettlement.Outcome outcome = KilledSettlement.run(week, configFile);
        assertThat(outcome.killedWhileCommitting()).as("the settle process reached its commit: " + outcome.output()).isTrue();
        System.out.println("settle of " + week.name() + " killed as it committed: " + outcome.output().get(outcome.output().size() - 1));
        return trino.query("SELECT (SELECT count(*) FROM iceberg.leaderlens.settlement_statements WHERE period = '" + week.name() + "'), "
                + "(SELECT count(*) FROM iceberg.leaderlens.settlement_items WHERE period = '" + week.name() + "')").rows().get(0);
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(trino.query(sql).rows().get(0).get(0));
    }
}
