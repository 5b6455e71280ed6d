package io.leaderlens.models.benchmark;

import static java.util.Objects.requireNonNull;

import io.leaderlens.console.ProgressBar;
import io.leaderlens.events.EventTimeOrder;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.DelayedOutcomeRisk;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FraudFeatureExtractor;
import io.leaderlens.features.FraudFeatures;
import io.leaderlens.features.SpendingWindows;
import io.leaderlens.models.FraudModel;
import io.leaderlens.models.evaluation.BinaryMetrics;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.zip.GZIPInputStream;

/**
 * The Fraud-Detection-Handbook's simulated card transactions, run through leaderlens's own events and
 * features, under the handbook's protocol: train on one week, leave one week for fraud labels to become
 * known, test on the week after. Customers become members and terminals become leaders' pickup points.
 */
public final class FdhBenchmark {
    static final List<Duration> WINDOWS = List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
    static final Duration LABEL_DELAY = Duration.ofDays(7);
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One row of the handbook's data. Amounts are exact cents. */
    public record Transaction(long id, long time, String customerId, String terminalId, long amountCents, boolean fraud,
                              int scenario) {}

    /** The protocol's periods: train [trainStart, +7 d), delay 7 d, test the 7 d after. */
    public record Protocol(LocalDate trainStart, int trainDays, int delayDays, int testDays) {
        public static Protocol handbook() {
            return new Protocol(LocalDate.of(2018, 7, 25), 7, 7, 7);
        }

        long trainFrom() {
            return millis(trainStart);
        }

        long trainTo() {
            return millis(trainStart.plusDays(trainDays));
        }

        long testFrom() {
            return millis(trainStart.plusDays(trainDays + delayDays));
        }

        long testTo() {
            return millis(trainStart.plusDays(trainDays + delayDays + testDays));
        }

        private static long millis(LocalDate day) {
            return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
    }

    /**
     * What the benchmark reached with one feature set: {@code production} (the {@code FraudFeatures} the live job
     * computes, by {@code FraudFeatureExtractor}) or {@code benchmark} (the handbook-style {@link #FEATURES}, computed
     * here only).
     */
    public record Result(String featureSet, Protocol protocol, int trainRows, int trainFrauds, int testRows, int testFrauds, double auc,
                         double averagePrecision, double cardPrecisionAt100, Map<String, Double> importance) {}

    public static final List<String> FEATURES = List.of(
            "amount_yuan", "during_weekend", "during_night",
            "member_tx_1d", "member_mean_1d", "member_tx_7d", "member_mean_7d", "member_tx_30d", "member_mean_30d",
            "amount_to_member_mean_7d", "amount_to_member_mean_30d",
            "pickup_tx_1d", "pickup_risk_1d", "pickup_tx_7d", "pickup_risk_7d", "pickup_tx_30d", "pickup_risk_30d");

    private final PrintStream log;

    public FdhBenchmark(PrintStream log) {
        this.log = requireNonNull(log, "log");
    }

    public static List<Transaction> read(Path csvGz) throws IOException {
        List<Transaction> rows = new ArrayList<>(1_800_000);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz), 1 << 16), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.startsWith("TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT")) {
                throw new IOException(csvGz + " is not the handbook's transactions CSV (header: " + header + ")");
            }
            int lineNumber = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                String[] f = line.split(",", -1);
                if (f.length < 9) {
                    throw new IOException(csvGz + " line " + lineNumber + ": expected 9 columns, got " + f.length);
                }
                long time = LocalDateTime.parse(f[1], CSV_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
                long cents = new BigDecimal(f[4]).movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
                rows.add(new Transaction(Long.parseLong(f[0]), time, f[2], f[3], cents, f[7].equals("1"),
                        Integer.parseInt(f[8])));
            }
        }
        return rows;
    }

    /**
     * A handbook transaction as a leaderlens event: a paid order of a member at a leader's pickup point. The handbook
     * has no device or IP: each customer gets its own, which tells the features nothing (as if every customer had one
     * phone and one line).
     */
    public static OrderEvent toOrderEvent(Transaction tx) {
        String pickupPoint = "fdh-t" + tx.terminalId();
        return OrderEvent.newBuilder().setEventId("fdh-" + tx.id()).setOrderId("fdh-o" + tx.id())
                .setType(OrderEventType.PAID).setUserId("fdh-c" + tx.customerId()).setLeaderId(pickupPoint)
                .setCity("fdh").setProductId("fdh-card-payment").setCategory("card_payment").setQuantity(1)
                .setAmountCents(tx.amountCents()).setCurrency("EUR").setPickupPointId(pickupPoint)
                .setDeviceId("fdh-d" + tx.customerId()).setIp("fdh-ip" + tx.customerId()).setPaymentAccount("fdh-c" + tx.customerId())
                .setEventTime(tx.time()).build();
    }

    /**
     * Features of every transaction in event-time order, computed as a stream would: from the order events,
     * with fraud outcomes counted only once {@link #LABEL_DELAY} has passed.
     */
    static double[][] features(List<Transaction> transactions) {
        SpendingWindows spending = new SpendingWindows(WINDOWS);
        DelayedOutcomeRisk risk = new DelayedOutcomeRisk(LABEL_DELAY, WINDOWS);
        double[][] rows = new double[transactions.size()][];
        for (int i = 0; i < transactions.size(); i++) {
            Transaction tx = transactions.get(i);
            OrderEvent order = toOrderEvent(tx);
            long t = order.getEventTime();
            String member = order.getUserId();
            String pickup = order.getPickupPointId();
            double amount = order.getAmountCents();
            SpendingWindows.Spending[] before = spending.spending(member, t);
            spending.add(member, t, order.getAmountCents());
            SpendingWindows.Spending[] with = spending.spending(member, t);
            DelayedOutcomeRisk.Risk[] known = risk.risk(pickup, t);
            risk.add(pickup, t, tx.fraud());
            var local = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
            rows[i] = new double[] {
                amount / 100.0,
                local.getDayOfWeek().getValue() >= 6 ? 1 : 0,
                local.getHour() <= 6 ? 1 : 0,
                with[0].count(), with[0].meanCents() / 100.0,
                with[1].count(), with[1].meanCents() / 100.0,
                with[2].count(), with[2].meanCents() / 100.0,
                before[1].count() == 0 ? 1 : amount / before[1].meanCents(),
                before[2].count() == 0 ? 1 : amount / before[2].meanCents(),
                known[0].transactions(), known[0].rate(),
                known[1].transactions(), known[1].rate(),
                known[2].transactions(), known[2].rate()};
        }
        return rows;
    }

    /**
     * The production features ({@code FraudFeatures}) of every transaction, by the extractor the training and the live
     * job's stages share, fed in event-time order what the platform would see of a card payment: the paid order, its
     * pickup (the goods change hands at the terminal), and for a fraud the chargeback — a refund-only claim
     * {@link #LABEL_DELAY} after the payment, when the handbook's protocol has the label become known. Each payment
     * yields one order row; the claims' own rows are not evaluated.
     */
    static double[][] productionFeatures(List<Transaction> transactions) {
        FraudFeatureExtractor extractor = new FraudFeatureExtractor();
        PriorityQueue<PlatformEvent> later = new PriorityQueue<>(EventTimeOrder.EVENTS);
        double[][] rows = new double[transactions.size()][];
        for (int i = 0; i < transactions.size(); i++) {
            Transaction tx = transactions.get(i);
            PlatformEvent paid = PlatformEvent.of(toOrderEvent(tx));
            while (!later.isEmpty() && EventTimeOrder.EVENTS.compare(later.peek(), paid) < 0) {
                extractor.accept(later.poll());
            }
            for (FeatureRow row : extractor.accept(paid)) {
                if (row.subject().equals(FeatureRow.ORDER)) {
                    rows[i] = row.values();
                }
            }
            if (rows[i] == null) {
                throw new IllegalStateException("the extractor made no order row for transaction " + tx.id());
            }
            later.add(PlatformEvent.of(followUp(tx, OrderEventType.CONFIRMED, "-pickup", tx.time())));
            if (tx.fraud()) {
                later.add(PlatformEvent.of(followUp(tx, OrderEventType.REFUNDED, "-chargeback", tx.time() + LABEL_DELAY.toMillis())));
            }
        }
        while (!later.isEmpty()) {
            extractor.accept(later.poll());
        }
        return rows;
    }

    private static OrderEvent followUp(Transaction tx, OrderEventType type, String idSuffix, long time) {
        return OrderEvent.newBuilder(toOrderEvent(tx)).setEventId("fdh-" + tx.id() + idSuffix).setType(type).setEventTime(time).build();
    }

    /** With the handbook-style features computed here ({@link #FEATURES}): what the protocol can reach. */
    public Result run(List<Transaction> transactions, Protocol protocol, GradientBoostedTrees.Settings settings) {
        List<Transaction> sorted = sorted(transactions);
        log.println("computing " + FEATURES.size() + " benchmark features for " + sorted.size() + " transactions in event-time order");
        return evaluate("benchmark", FEATURES, features(sorted), sorted, protocol, settings);
    }

    /** With the production features, the ones the live scoring job computes: what leaderlens reaches today. */
    public Result runProduction(List<Transaction> transactions, Protocol protocol, GradientBoostedTrees.Settings settings) {
        List<Transaction> sorted = sorted(transactions);
        log.println("computing the " + FraudFeatures.NAMES.size() + " production features for " + sorted.size()
                + " transactions in event-time order");
        return evaluate("production", FraudFeatures.NAMES, productionFeatures(sorted), sorted, protocol, settings);
    }

    private static List<Transaction> sorted(List<Transaction> transactions) {
        List<Transaction> sorted = new ArrayList<>(transactions);
        sorted.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : Long.compare(a.id(), b.id()));
        return sorted;
    }

    private Result evaluate(String featureSet, List<String> names, double[][] features, List<Transaction> sorted, Protocol protocol,
                            GradientBoostedTrees.Settings settings) {

        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            long t = sorted.get(i).time();
            if (t >= protocol.trainFrom() && t < protocol.trainTo()) {
                train.add(i);
            } else if (t >= protocol.testFrom() && t < protocol.testTo()) {
                test.add(i);
            }
        }
        double[][] xTrain = train.stream().map(i -> features[i]).toArray(double[][]::new);
        int[] yTrain = train.stream().mapToInt(i -> sorted.get(i).fraud() ? 1 : 0).toArray();
        log.println("training gradient-boosted trees on " + train.size() + " transactions (" + sum(yTrain) + " frauds)");
        FraudModel model;
        try (ProgressBar progress = new ProgressBar("train", 1, log)) {
            model = GradientBoostedTrees.train(names, xTrain, yTrain, settings);
            progress.step(1);
        }
        double[] scores = new double[test.size()];
        int[] yTest = new int[test.size()];
        for (int k = 0; k < test.size(); k++) {
            scores[k] = model.score(features[test.get(k)]);
            yTest[k] = sorted.get(test.get(k)).fraud() ? 1 : 0;
        }
        List<Transaction> testRows = test.stream().map(sorted::get).toList();
        Map<String, Double> importance = new HashMap<>();
        double[] imp = model.importance();
        for (int f = 0; f < names.size(); f++) {
            importance.put(names.get(f), imp[f]);
        }
        return new Result(featureSet, protocol, train.size(), sum(yTrain), test.size(), sum(yTest), BinaryMetrics.auc(scores, yTest),
                BinaryMetrics.averagePrecision(scores, yTest), cardPrecisionAtK(testRows, scores, 100), importance);
    }

    /**
     * The handbook's card precision@k: each day, rank the customers not yet caught by their highest score
     * that day and take the top k; the share of them with a fraud that day is the day's precision, and the
     * ones caught leave the ranking for the following days (their card is blocked). Averaged over the days.
     */
    static double cardPrecisionAtK(List<Transaction> rows, double[] scores, int k) {
        java.util.TreeMap<Long, Map<String, double[]>> byDay = new java.util.TreeMap<>(); // day -> customer -> {max score, fraud}
        for (int i = 0; i < rows.size(); i++) {
            long day = Math.floorDiv(rows.get(i).time(), 86_400_000L);
            double[] entry = byDay.computeIfAbsent(day, d -> new HashMap<>())
                    .computeIfAbsent(rows.get(i).customerId(), c -> new double[] {Double.NEGATIVE_INFINITY, 0});
            entry[0] = Math.max(entry[0], scores[i]);
            entry[1] = Math.max(entry[1], rows.get(i).fraud() ? 1 : 0);
        }
        java.util.Set<String> caught = new java.util.HashSet<>();
        double sum = 0;
        for (Map<String, double[]> customers : byDay.values()) {
            List<Map.Entry<String, double[]>> ranked = new ArrayList<>(customers.entrySet());
            ranked.removeIf(e -> caught.contains(e.getKey()));
            ranked.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
            double hits = 0;
            for (int i = 0; i < Math.min(k, ranked.size()); i++) {
                if (ranked.get(i).getValue()[1] == 1) {
                    hits++;
                    caught.add(ranked.get(i).getKey());
                }
            }
            sum += hits / k;
        }
        return byDay.isEmpty() ? Double.NaN : sum / byDay.size();
    }

    private static int sum(int[] labels) {
        int s = 0;
        for (int l : labels) {
            s += l;
        }
        return s;
    }
}
