package io.leaderlens.jobs.fraudscoring;

import io.leaderlens.jobs.testing.TestPseudonyms;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.fraudscoring.features.EarlyScoring;
import io.leaderlens.simulator.RecordingWriter;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.junit.jupiter.api.Test;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.testing.CollectingOutput;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.smile.GradientBoostedTrees;
import io.leaderlens.models.training.FraudTraining;
import io.leaderlens.models.training.LabelledHistory;
import io.leaderlens.simulator.EventWriter;
import io.leaderlens.simulator.FraudLabel;
import io.leaderlens.simulator.JsonLinesWriter;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.simulator.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The scoring job on a MiniCluster over a simulated world it was not trained on. */
class FraudScoringJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path dir;
    private static List<ModelUpdate> initial;

    /** Models from one world, used on another. */
    @BeforeAll
    static void train() throws Exception {
        Path trainDir = dir.resolve("train");
        try (JsonLinesWriter w = new JsonLinesWriter(trainDir)) {
            new Simulator(SimulationOptions.defaults(101, 120_000, 5)).run(w, n -> {});
        }
        LabelledHistory trainHistory = LabelledHistory.read(trainDir);
        FraudTraining training = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(60),
                io.leaderlens.models.training.AlertBudget.from(io.leaderlens.config.LeaderlensConfig.load(java.nio.file.Path.of("../conf/leaderlens.properties"), "local", java.util.Map.of())));
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        initial = new ArrayList<>();
        for (String subject : List.of(FeatureRow.ORDER, FeatureRow.MEMBER)) {
            FraudTraining.Trained t = training.train(trainHistory, subject, 0.7);
            ModelRegistry.Entry e = registry.save(subject, t.model().model(), t.anomaly(), t.model().threshold(), Map.of(), Map.of());
            initial.add(new ModelUpdate(subject, dir.resolve("registry").toString(), e.version(), e.threshold(), "test", "initial", 0));
        }
    }

    /**
     * At parallelism 1 and 4 the keyed stages see their inputs from different partitions in different orders;
     * every stage applies them in canonical event-time order, so the rows are the offline ones either way. The
     * run at 4 keeps its state in RocksDB (the cluster profile's backend), where every state access goes
     * through the serializers.
     */
    @ParameterizedTest(name = "parallelism {0}, {1} state")
    @CsvSource({"1, hashmap", "4, rocksdb"})
    @Timeout(300)
    void streamingFeaturesEqualOfflineOnesAndAlertsAreGroupedPerLeaderAndHour(int parallelism, String stateBackend) throws Exception {
        // another world, streamed in the order the simulator emits it (resends and jitter included)
        Path testDir = dir.resolve("test-p" + parallelism);
        List<RawRecord> records = new ArrayList<>();
        List<FraudLabel> labels = new ArrayList<>();
        BinaryEventCodec codec = new BinaryEventCodec();
        try (JsonLinesWriter files = new JsonLinesWriter(testDir)) {
            new Simulator(SimulationOptions.defaults(202, 40_000, 3)).run(new EventWriter() {
                @Override
                public void write(SpecificRecord event) throws IOException {
                    files.write(event);
                    records.add(new RawRecord("events", 0, records.size(), 0L, codec.encode(event)));
                }

                @Override
                public void writeLabel(FraudLabel label) throws IOException {
                    files.writeLabel(label);
                    labels.add(label);
                }

                @Override
                public void close() {}
            }, n -> {});
        }

        CollectingOutput<FraudScore> scores = new CollectingOutput<>();
        CollectingOutput<FraudAlert> alerts = new CollectingOutput<>();
        CollectingOutput<ModelUpdate> changes = new CollectingOutput<>();
        CollectingOutput<DeadLetter> dead = new CollectingOutput<>();
        CollectingOutput<FraudSignal> signals = new CollectingOutput<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.configure(new Configuration().set(StateBackendOptions.STATE_BACKEND, stateBackend));
        JobTypes.configure(env);
        ModelUpdate reassert = new ModelUpdate(FeatureRow.ORDER, initial.get(0).registry(), 1, initial.get(0).threshold(), "analyst-7",
                "re-confirm order-v1", 1);
        new FraudScoringJob(source(records, TypeInformation.of(RawRecord.class)), source(List.of(reassert), TypeInformation.of(ModelUpdate.class)),
                // early scoring on, as configured: a recorded world is not live, so it goes in watermark order all the same
                new FraudScoringJob.Settings(ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(2), initial,
                        TestPseudonyms.events(), new EarlyScoring(Duration.ofMillis(200),
                        Duration.ofMinutes(1))),
                new FraudScoringJob.Outputs(scores, alerts, changes, dead, signals)).build(env);
        env.execute("fraud-scoring-test-p" + parallelism);

        // parity: the job's features equal the offline replay of the same history, row for row
        LabelledHistory offline = LabelledHistory.read(testDir);
        List<FeatureRow> streamed = signals.values().stream().filter(s -> s.row() != null).map(FraudSignal::row).toList();
        assertThat(streamed).hasSameSizeAs(offline.rows());
        Map<String, double[]> offlineByKey = new HashMap<>();
        offline.rows().forEach(r -> offlineByKey.put(r.subject() + "|" + r.subjectId() + "|" + r.eventId(), r.values()));
        for (FeatureRow row : streamed) {
            double[] expected = offlineByKey.get(row.subject() + "|" + row.subjectId() + "|" + row.eventId());
            assertThat(expected).as("offline row for " + row.subjectId()).isNotNull();
            assertThat(Arrays.equals(row.values(), expected)).as("features of " + row.subject() + " " + row.subjectId()).isTrue();
        }

        // every signal scored; each alert is all of one leader's flagged scores in one hour
        assertThat(scores.values()).hasSize(signals.values().size());
        assertThat(dead.values()).isEmpty();
        assertThat(changes.values()).containsExactly(reassert);
        java.util.function.Function<FraudScore, String> alertOf =
                s -> s.leaderId() + "@" + io.leaderlens.time.CalendarPeriod.HOUR.start(s.eventTime(), ZoneId.of("Asia/Shanghai"));
        Map<String, Long> flaggedPerLeaderHour = scores.values().stream().filter(FraudScore::flagged).collect(Collectors.groupingBy(
                alertOf, Collectors.counting()));
        Map<String, Long> flaggedStart = scores.values().stream().filter(FraudScore::flagged).collect(Collectors.toMap(
                alertOf, FraudScore::eventTime, Math::min));
        List<FraudAlert> closed = alerts.values().stream().filter(FraudAlert::closed).toList();
        assertThat(closed).extracting(FraudAlert::alertId).doesNotHaveDuplicates();
        assertThat(closed.stream().collect(Collectors.toMap(FraudAlert::alertId, FraudAlert::count)))
                .isEqualTo(flaggedPerLeaderHour);
        assertThat(closed.stream().mapToLong(FraudAlert::count).sum()).as("grouped, not one page per order")
                .isGreaterThan(closed.size());
        // each alert opened at its first flagged score, changed once per flagged score after it, closed once
        Map<String, List<FraudAlert>> lives = alerts.values().stream().collect(Collectors.groupingBy(FraudAlert::alertId));
        assertThat(lives).hasSameSizeAs(closed);
        lives.forEach((id, life) -> {
            List<FraudAlert> inOrder = life.stream().sorted(java.util.Comparator.comparingInt(FraudAlert::revision)).toList();
            assertThat(inOrder).extracting(FraudAlert::revision).as(id)
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, inOrder.size()).boxed().toList());
            assertThat(inOrder).extracting(FraudAlert::status).first().isEqualTo("OPEN");
            assertThat(inOrder).extracting(FraudAlert::count).as(id)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, inOrder.size()).map(n -> Math.min(n, inOrder.size() - 1)).boxed().toList());
            // opened at a flagged score's time (scores from parallel stages may arrive a little out of order), closed at the hour's end
            assertThat(inOrder.get(0).changedAt()).isGreaterThanOrEqualTo(flaggedStart.get(id)).isLessThan(inOrder.get(0).periodEnd());
            assertThat(inOrder.get(inOrder.size() - 1).changedAt()).isEqualTo(inOrder.get(0).periodEnd());
        });

        // referral rings are refused by rule and blocked
        Set<String> ringLeaders = labels.stream().filter(l -> l.scenario().equals("referral_ring") && l.subject().equals("leader"))
                .map(FraudLabel::id).collect(Collectors.toSet());
        List<FraudAlert> blocked = closed.stream().filter(FraudAlert::ruleViolation).toList();
        assertThat(blocked).isNotEmpty().allSatisfy(a -> {
            assertThat(ringLeaders).contains(a.leaderId());
            assertThat(a.action()).isEqualTo("BLOCK");
            assertThat(a.reasons()).anySatisfy(r -> assertThat(r).contains("referral loop"));
        });
        assertThat(closed).filteredOn(a -> !a.ruleViolation()).allSatisfy(a -> assertThat(a.reasons()).isNotEmpty());
    }

    /** What the live source sent, by index: the world's events stamped with the moment each was sent. */
    private static final Map<Integer, SpecificRecord> SENT = new ConcurrentHashMap<>();
    private static final Map<String, Long> STAMPS = new ConcurrentHashMap<>();

    /**
     * Events stamped live (event time = the moment the source sends each one, 2,000 a second) are scored while the
     * source is still sending, although the watermark, 10 minutes behind, passes none of them before the input ends:
     * early release lets them through. Each key's inputs come in time order within the reorder wait, so the rows are
     * still the offline ones, row for row.
     */
    @Test
    @Timeout(300)
    void liveEventsAreScoredBeforeTheWatermarkPassesThemWithTheOfflineFeatures() throws Exception {
        RecordingWriter world = new RecordingWriter();
        new Simulator(SimulationOptions.defaults(203, 20_000, 2)).run(world, n -> {});
        SENT.clear();
        STAMPS.clear();
        List<SpecificRecord> events = List.copyOf(world.events());
        GeneratorFunction<Long, RawRecord> stampedNow = i -> {
            var event = PlatformEvent.of(events.get(i.intValue()));
            // a producer's resend carries its original's time
            long stamp = STAMPS.computeIfAbsent(event.eventId(), id -> System.currentTimeMillis());
            SpecificRecord stamped = event.at(stamp).record();
            SENT.put(i.intValue(), stamped);
            return new RawRecord("events", 0, i, 0L, new BinaryEventCodec().encode(stamped));
        };
        var live = new DataGeneratorSource<>(stampedNow, events.size(),
                RateLimiterStrategy.perSecond(2_000), TypeInformation.of(RawRecord.class));

        CollectingOutput<FraudScore> scores = new CollectingOutput<>();
        CollectingOutput<Long> scoredAt = new CollectingOutput<>();
        CollectingOutput<FraudSignal> signals = new CollectingOutput<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobTypes.configure(env);
        Duration bound = Duration.ofMinutes(10);
        ModelUpdate reassert = new ModelUpdate(FeatureRow.ORDER, initial.get(0).registry(), 1, initial.get(0).threshold(), "analyst-7",
                "re-confirm order-v1", 1);
        new FraudScoringJob(live, source(List.of(reassert), TypeInformation.of(ModelUpdate.class)),
                new FraudScoringJob.Settings(ZoneId.of("Asia/Shanghai"), bound, Duration.ZERO, Duration.ofDays(2), initial,
                        TestPseudonyms.events(), new EarlyScoring(Duration.ofMillis(500),
                        bound)),
                new FraudScoringJob.Outputs(stream -> {
                    scores.attach(stream);
                    scoredAt.attach(stream.map(score -> System.currentTimeMillis()).returns(Long.class).name("scored-at"));
                }, new CollectingOutput<>(), new CollectingOutput<>(), new CollectingOutput<>(), signals)).build(env);
        env.execute("fraud-scoring-live");

        long lastSent = SENT.values().stream().mapToLong(e -> PlatformEvent.of(e).eventTime()).max().orElseThrow();
        long beforeTheEnd = scoredAt.values().stream().filter(t -> t < lastSent).count();
        assertThat(scores.values()).isNotEmpty().hasSameSizeAs(scoredAt.values());
        assertThat(beforeTheEnd).as("scores out while the source still sent (of %d over %d s)", scores.values().size(), events.size() / 2_000)
                .isGreaterThan(scores.values().size() / 2);

        // parity: the offline extractor over the events as they were stamped and sent
        Path liveDir = dir.resolve("live");
        try (JsonLinesWriter files = new JsonLinesWriter(liveDir)) {
            for (int i = 0; i < events.size(); i++) {
                files.write(SENT.get(i));
            }
            for (FraudLabel label : world.labels()) {
                files.writeLabel(label);
            }
        }
        LabelledHistory offline = LabelledHistory.read(liveDir);
        List<FeatureRow> streamed = signals.values().stream().filter(s -> s.row() != null).map(FraudSignal::row).toList();
        Map<String, double[]> offlineByKey = new HashMap<>();
        offline.rows().forEach(r -> offlineByKey.put(r.subject() + "|" + r.subjectId() + "|" + r.eventId(), r.values()));
        assertThat(streamed).hasSameSizeAs(offline.rows());
        for (FeatureRow row : streamed) {
            double[] expected = offlineByKey.get(row.subject() + "|" + row.subjectId() + "|" + row.eventId());
            assertThat(expected).as("offline row for " + row.subjectId()).isNotNull();
            assertThat(row.values()).as("features of " + row.subject() + " " + row.subjectId()).containsExactly(expected);
        }
    }

    private static <T> DataGeneratorSource<T> source(List<T> items, TypeInformation<T> type) {
        List<T> copy = List.copyOf(items);
        GeneratorFunction<Long, T> byIndex = i -> copy.get(i.intValue());
        return new DataGeneratorSource<>(byIndex, copy.size(), type);
    }
}
