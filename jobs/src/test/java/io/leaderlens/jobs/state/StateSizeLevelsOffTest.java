package io.leaderlens.jobs.state;

import io.leaderlens.jobs.testing.TestPseudonyms;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.commissions.engine.CommissionSettings;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.ratecard.RateCardParser;
import io.leaderlens.commissions.rates.RateCalculator;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.jobs.commissions.CommissionJob;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.testing.TestEvents;
import static io.leaderlens.jobs.testing.TestJobParts.discard;
import static io.leaderlens.jobs.testing.TestJobParts.one;
import io.leaderlens.jobs.testing.TestJobParts;
import io.leaderlens.jobs.fraudscoring.FraudScoringJob;
import io.leaderlens.jobs.fraudscoring.FraudSignal;
import io.leaderlens.jobs.fraudscoring.ModelUpdate;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsJob;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.simulator.Population;
import io.leaderlens.simulator.RecordingWriter;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.simulator.Simulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job over 60 simulated days of a platform whose population is level (members come and go, leaders
 * stay): its checkpointed state must level off too — each key's state has an end. The source lets through a
 * fixed number of events per checkpoint, a probe notes each checkpoint's event time and size on disk, and the
 * sizes per simulated day are written to {@code target/state-size/<job>.csv} (the figures in
 * docs/benchmarks.md). {@code -Dleaderlens.state-test.events-per-day=N} runs a bigger world.
 */
class StateSizeLevelsOffTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final int DAYS = 60;
    private static final int EVENTS_PER_DAY = Integer.getInteger("leaderlens.state-test.events-per-day", 4_000);
    private static final long DAY = 86_400_000L;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 1);

    @TempDir
    static Path dir;
    private static List<RawRecord> events;
    private static long start;

    @BeforeAll
    static void simulateASteadyWorld() throws IOException {
        // the simulator spends its event budget a little before the period ends: simulate longer, keep 60 days
        int simulated = DAYS + 20;
        SimulationOptions options = new SimulationOptions(61, (long) simulated * EVENTS_PER_DAY, simulated, FIRST_DAY, ZONE, 20_000, 0.002,
                false);
        RecordingWriter recording = new RecordingWriter();
        new Simulator(options, Population.STEADY).run(recording, n -> {});
        start = options.startMillis();
        BinaryEventCodec codec = new BinaryEventCodec();
        events = new ArrayList<>(recording.events().size());
        for (var event : recording.events()) {
            if (PlatformEvent.of(event).eventTime() < start + DAYS * DAY) {
                events.add(new RawRecord("events", 0, events.size(), 0L, codec.encode(event)));
            }
        }
    }

    @Test
    @Timeout(600)
    void leaderMetricsStateLevelsOff() throws Exception {
        String run = "leader-metrics";
        Path checkpoints = dir.resolve(run);
        StreamExecutionEnvironment env = environment(checkpoints);
        new LeaderMetricsJob(source(), new LeaderMetricsJob.Settings(ZONE, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(48), 10,
                TestPseudonyms.events()),
                new LeaderMetricsJob.Outputs(discard(), discard(), discard(), discard(), discard(),
                        probe(run, checkpoints, PlatformEvent::eventTime), discard(), discard())).build(env);
        env.execute(run);
        assertLevelsOff(run);
    }

    @Test
    @Timeout(600)
    void fraudScoringStateLevelsOff() throws Exception {
        String run = "fraud-scoring";
        Path checkpoints = dir.resolve(run);
        StreamExecutionEnvironment env = environment(checkpoints);
        List<ModelUpdate> models = models();
        new FraudScoringJob(source(), one(models.get(0), ModelUpdate.class), // the current model confirmed: no change
                new FraudScoringJob.Settings(ZONE, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(48), models, TestPseudonyms.events()),
                new FraudScoringJob.Outputs(discard(), discard(), discard(), discard(), probe(run, checkpoints, FraudSignal::eventTime)))
                .build(env);
        env.execute(run);
        assertLevelsOff(run);
    }

    @Test
    @Timeout(600)
    void commissionStateLevelsOff() throws Exception {
        String run = "commissions";
        Path checkpoints = dir.resolve(run);
        StreamExecutionEnvironment env = environment(checkpoints);
        CommissionSettings settings = new CommissionSettings(new RateCalculator(RateCardParser.read(Path.of("../conf/rate-card.properties"))),
                Duration.ofDays(7), new BigDecimal("0.001"));
        // no fraud in this world: one alert that holds nothing and a verdict on an alert nobody opened
        new CommissionJob(source(), one(TestEvents.alert(0, "a0", "L-none", "REVIEW", 0.1, "", start), RawRecord.class),
                one(TestEvents.verdict(0, "a-none", "L-none", "RELEASE", "test", "", start), RawRecord.class),
                new CommissionJob.Settings(settings, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(48), start + DAYS * DAY,
                        TestPseudonyms.events()),
                new CommissionJob.Outputs(probe(run, checkpoints, LedgerEntry::eventTime), discard(), discard(), discard())).build(env);
        env.execute(run);
        assertLevelsOff(run);
    }

    /**
     * The last 15 days grow the state by less than 10%: the least-squares trend of every checkpoint's size over
     * those days (state swings within a day as windows fill; the trend is what must be flat), against their mean.
     */
    private static void assertLevelsOff(String run) throws IOException {
        // checkpoints after the input ended see the windows flushed by the final watermark: not a day's state
        List<CheckpointSizes.Measured> measured = CheckpointSizes.of(run);
        long newest = measured.stream().mapToLong(CheckpointSizes.Measured::eventTime).max().orElseThrow();
        List<CheckpointSizes.Measured> all = measured.stream().filter(m -> m.eventTime() < newest).toList();
        Map<Integer, long[]> perDay = new TreeMap<>(); // day -> {sum, count}
        for (CheckpointSizes.Measured m : all) {
            int day = (int) ((m.eventTime() - start) / DAY);
            if (day >= 0 && day < DAYS) {
                long[] acc = perDay.computeIfAbsent(day, d -> new long[2]);
                acc[0] += m.bytes();
                acc[1]++;
            }
        }
        StringBuilder csv = new StringBuilder("day,checkpoints,mean_bytes\n");
        perDay.forEach((day, acc) -> csv.append(day + 1).append(',').append(acc[1]).append(',').append(acc[0] / acc[1]).append('\n'));
        Path out = Path.of("target/state-size");
        Files.createDirectories(out);
        Files.writeString(out.resolve(run + ".csv"), csv);
        StringBuilder raw = new StringBuilder("checkpoint,event_time,bytes\n");
        all.forEach(m -> raw.append(m.checkpointId()).append(',').append(java.time.Instant.ofEpochMilli(m.eventTime()).atZone(ZONE)
                .toLocalDateTime()).append(',').append(m.bytes()).append('\n'));
        Files.writeString(out.resolve(run + "-checkpoints.csv"), raw);

        assertThat(perDay.keySet()).as("checkpoints through the whole run").contains(5, DAYS - 15, DAYS - 1);
        long from = start + (DAYS - 15) * DAY;
        List<CheckpointSizes.Measured> last = all.stream().filter(m -> m.eventTime() >= from && m.eventTime() < start + DAYS * DAY).toList();
        // Theil–Sen: the median of the slopes between every two checkpoints, robust to the odd one a barrier took
        // before the watermark had caught up with the events just let through
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < last.size(); i++) {
            for (int j = i + 1; j < last.size(); j++) {
                long dt = last.get(j).eventTime() - last.get(i).eventTime();
                if (dt != 0) {
                    slopes.add((double) (last.get(j).bytes() - last.get(i).bytes()) / dt);
                }
            }
        }
        double meanBytes = median(last.stream().map(m -> (double) m.bytes()).toList());
        double growth = median(slopes) * 15 * DAY / meanBytes;
        double early = mean(perDay, 3, 5);
        System.out.printf("%s state: days 4-6 %.0f KiB, last 15 days %.0f KiB (median of %d checkpoints), trend %+.1f%% over them%n",
                run, early / 1024, meanBytes / 1024, last.size(), 100 * growth);
        assertThat(growth).as(run + ": growth of the state over the last 15 days").isLessThan(0.10);
        assertThat(meanBytes).as(run + ": the probe measures state that builds up").isGreaterThan(early);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double mean(Map<Integer, long[]> perDay, int from, int to) {
        long sum = 0;
        long n = 0;
        for (int d = from; d <= to; d++) {
            long[] acc = perDay.get(d);
            if (acc != null) {
                sum += acc[0];
                n += acc[1];
            }
        }
        return (double) sum / n;
    }

    private static StreamExecutionEnvironment environment(Path checkpoints) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1); // one reader, so the gate lets the days through in order
        JobTypes.configure(env);
        env.configure(new Configuration()
                .set(RestartStrategyOptions.RESTART_STRATEGY, "none")
                .set(StateBackendOptions.STATE_BACKEND, "hashmap")
                .set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem")
                .set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString()));
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        // a watermark right behind every gated batch: a checkpoint then holds what the days leave, not a batch in flight
        env.getConfig().setAutoWatermarkInterval(5);
        return env;
    }

    private static DataGeneratorSource<RawRecord> source() {
        List<RawRecord> all = events;
        GeneratorFunction<Long, RawRecord> byIndex = i -> all.get(i.intValue());
        return new DataGeneratorSource<>(byIndex, all.size(), RateLimiterStrategy.perCheckpoint(EVENTS_PER_DAY / 2),
                JobTypes.of(RawRecord.class));
    }



    private static <T> StreamOutput<T> probe(String run, Path checkpoints, CheckpointSizes.EventTime<T> time) {
        return stream -> {
            DataStream<T> probed = stream.map(new CheckpointSizes<>(run, checkpoints, time), stream.getType()).name("checkpoint-sizes");
            probed.sinkTo(new DiscardingSink<>()).name("discard");
        };
    }

    /** Small models from another world: this test needs the scoring, not good scores. */
    private static List<ModelUpdate> models() throws Exception {
        return TestJobParts.smallModels(dir, SimulationOptions.defaults(5, 30_000, 3), 20);
    }

}
