package io.leaderlens.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.commissions.engine.CommissionSettings;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.ratecard.RateCardParser;
import io.leaderlens.commissions.rates.RateCalculator;
import io.leaderlens.events.EventKind;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.events.codec.BinaryEventCodec.PublishedSchemas;
import io.leaderlens.jobs.commissions.CommissionJob;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.fraudscoring.FraudScore;
import io.leaderlens.jobs.fraudscoring.FraudScoringJob;
import io.leaderlens.jobs.fraudscoring.ModelUpdate;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsJob;
import io.leaderlens.jobs.testing.CollectingOutput;
import io.leaderlens.jobs.testing.TestEvents;
import static io.leaderlens.jobs.testing.TestJobParts.discard;
import static io.leaderlens.jobs.testing.TestJobParts.one;
import io.leaderlens.jobs.testing.TestJobParts;
import io.leaderlens.jobs.testing.TestPseudonyms;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.simulator.RecordingWriter;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.simulator.Simulator;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every consumer reads every published schema version: each job runs over a seeded world's version-1 facts written by
 * version-1, version-2 and current producers (real bytes: Avro single-object encoding with the schemas of
 * {@code schemas/compat}), and must refuse nothing and compute the same figures; a last run over the whole world with
 * its newer facts (channels, goods arriving, price breakdowns) refuses nothing either. What v1 cannot say is left out
 * of the first runs, so their outputs must be equal, not just similar.
 */
class EveryJobReadsEverySchemaVersionTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension();

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final BinaryEventCodec CODEC = new BinaryEventCodec();

    @TempDir
    static Path dir;
    private static List<SpecificRecord> world;
    private static long start;
    private static long end;

    @BeforeAll
    static void simulate() throws Exception {
        SimulationOptions options = SimulationOptions.defaults(23, 12_000, 2);
        RecordingWriter recording = new RecordingWriter();
        new Simulator(options).run(recording, n -> {});
        world = recording.events();
        start = options.startMillis();
        end = options.endMillis();
        assertThat(world).as("the world has coupons, which every job must read or pass by")
                .anyMatch(e -> e instanceof io.leaderlens.events.CouponEvent c && c.getType() == io.leaderlens.events.CouponEventType.REDEEMED);
        assertThat(world).as("the world has version-2 and version-3 facts to leave out")
                .anyMatch(e -> e instanceof ReferralEvent r && r.getChannel() != null)
                .anyMatch(e -> e instanceof ReferralEvent r && r.getReferredByUserId() != null)
                .anyMatch(e -> e instanceof OrderEvent o && !o.getDiscounts().isEmpty() && o.getPointsRedeemed() > 0)
                .anyMatch(e -> PlatformEvent.of(e).order() != null && PlatformEvent.of(e).order().getType() == OrderEventType.GOODS_ARRIVED);
    }

    @Test
    @Timeout(300)
    void theLeaderMetricsJob() throws Exception {
        readsEveryVersionAlike(EveryJobReadsEverySchemaVersionTest::leaderMetrics);
    }

    @Test
    @Timeout(300)
    void theFraudScoringJob() throws Exception {
        List<ModelUpdate> models = models();
        readsEveryVersionAlike(input -> fraudScores(input, models));
    }

    @Test
    @Timeout(300)
    void theCommissionJob() throws Exception {
        readsEveryVersionAlike(EveryJobReadsEverySchemaVersionTest::ledger);
    }

    /** A job run over some input, returning its outputs in a comparable form (and failing on anything refused). */
    private interface JobRun {
        List<String> over(List<RawRecord> input) throws Exception;
    }

    /** v1 facts in v1, v2 and current bytes give equal outputs; the whole world in current bytes is refused nowhere. */
    private static void readsEveryVersionAlike(JobRun job) throws Exception {
        List<String> v1 = job.over(writtenIn(1, version1Facts()));
        assertThat(v1).isNotEmpty();
        assertThat(job.over(writtenIn(2, version1Facts()))).isEqualTo(v1);
        assertThat(job.over(currentBytes(version1Facts()))).isEqualTo(v1);
        job.over(currentBytes(world));
    }

    /** Daily metrics per leader, sorted; fails on any dead letter. */
    private static List<String> leaderMetrics(List<RawRecord> input) throws Exception {
        CollectingOutput<LeaderMetrics> daily = new CollectingOutput<>();
        CollectingOutput<PlatformEvent> raw = new CollectingOutput<>();
        CollectingOutput<DeadLetter> dead = new CollectingOutput<>();
        StreamExecutionEnvironment env = environment();
        new LeaderMetricsJob(source(input), new LeaderMetricsJob.Settings(ZONE, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(48), 10,
                TestPseudonyms.events()),
                new LeaderMetricsJob.Outputs(discard(), daily, discard(), discard(), discard(), raw, dead, discard())).build(env);
        env.execute("leader-metrics");
        assertThat(dead.values()).as("dead letters").isEmpty();
        assertThat(raw.values()).as("raw events kept, once each").hasSize((int) input.stream().map(r -> eventId(r)).distinct().count());
        return daily.values().stream().map(Object::toString).sorted().toList();
    }

    private static List<String> fraudScores(List<RawRecord> input, List<ModelUpdate> models) throws Exception {
        CollectingOutput<FraudScore> scores = new CollectingOutput<>();
        CollectingOutput<DeadLetter> dead = new CollectingOutput<>();
        StreamExecutionEnvironment env = environment();
        new FraudScoringJob(source(input), one(models.get(0), ModelUpdate.class),
                new FraudScoringJob.Settings(ZONE, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(48), models, TestPseudonyms.events()),
                new FraudScoringJob.Outputs(scores, discard(), discard(), dead, discard())).build(env);
        env.execute("fraud-scoring");
        assertThat(dead.values()).as("dead letters").isEmpty();
        return scores.values().stream().map(Object::toString).sorted().toList();
    }

    private static List<String> ledger(List<RawRecord> input) throws Exception {
        CollectingOutput<LedgerEntry> ledger = new CollectingOutput<>();
        CollectingOutput<DeadLetter> undecodable = new CollectingOutput<>();
        CollectingOutput<DeadLetter> refused = new CollectingOutput<>();
        CommissionSettings settings = new CommissionSettings(new RateCalculator(RateCardParser.read(Path.of("../conf/rate-card.properties"))),
                Duration.ofDays(7), new BigDecimal("0.001"));
        StreamExecutionEnvironment env = environment();
        new CommissionJob(source(input), one(TestEvents.alert(0, "a0", "L-none", "REVIEW", 0.1, "", start), RawRecord.class),
                one(TestEvents.verdict(0, "a-none", "L-none", "RELEASE", "test", "", start), RawRecord.class),
                new CommissionJob.Settings(settings, Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(48), end + Duration.ofDays(10).toMillis(),
                        TestPseudonyms.events()),
                new CommissionJob.Outputs(ledger, discard(), undecodable, refused)).build(env);
        env.execute("commissions");
        assertThat(undecodable.values()).as("undecodable").isEmpty();
        assertThat(refused.values()).as("refused").isEmpty();
        return ledger.values().stream().map(Object::toString).sorted().toList();
    }

    /** The facts as producers of a published version wrote them. */
    private static List<RawRecord> writtenIn(int version, List<SpecificRecord> facts) {
        List<RawRecord> records = new ArrayList<>();
        for (SpecificRecord event : facts) {
            records.add(record(records.size(), asVersion(version, event)));
        }
        return records;
    }

    private static List<RawRecord> currentBytes(List<SpecificRecord> facts) {
        List<RawRecord> records = new ArrayList<>();
        for (SpecificRecord event : facts) {
            records.add(record(records.size(), CODEC.encode(event)));
        }
        return records;
    }

    /**
     * What version 1 can say: no GOODS_ARRIVED, no channel (v2), no price breakdown (v3 orders), no signup's referrer
     * (v3 referrals) — the paid amount stays, and it is what every job counts.
     */
    private static List<SpecificRecord> version1Facts() {
        return world.stream()
                .filter(e -> !(PlatformEvent.of(e).order() != null && PlatformEvent.of(e).order().getType() == OrderEventType.GOODS_ARRIVED))
                .map(e -> e instanceof ReferralEvent r ? ReferralEvent.newBuilder(r).setChannel(null).setReferredByUserId(null).build()
                        : e instanceof OrderEvent o ? OrderEvent.newBuilder(o).setListAmountCents(null).setDiscounts(List.of())
                                .setPointsRedeemed(0).setPointsValueCents(0).setPointsEarned(0).build()
                        : e)
                .toList();
    }

    /**
     * Written with a published schema of schemas/compat (its fingerprint in the header), field by field by name: the
     * event's own version {@code version}, or its newest before that (group buys are still at v1).
     */
    static byte[] asVersion(int version, SpecificRecord event) {
        List<Schema> published = PublishedSchemas.versionsOf(EventKind.of(event));
        Schema writer = published.get(Math.min(version, published.size()) - 1);
        GenericRecord record = new GenericData.Record(writer);
        for (Schema.Field field : writer.getFields()) {
            Object value = event.get(event.getSchema().getField(field.name()).pos());
            record.put(field.pos(), value instanceof Enum<?> symbol ? new GenericData.EnumSymbol(enumOf(field.schema()), symbol.name()) : value);
        }
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The enum itself, also where a nullable field wraps it in a union with null (the v2 referral channel). */
    private static Schema enumOf(Schema schema) {
        return schema.isUnion() ? schema.getTypes().stream().filter(t -> t.getType() == Schema.Type.ENUM).findFirst().orElseThrow() : schema;
    }

    private static RawRecord record(int offset, byte[] bytes) {
        return new RawRecord("events", 0, offset, 0L, bytes);
    }

    private static String eventId(RawRecord record) {
        try {
            return CODEC.decode(record.value()).eventId();
        } catch (Exception e) {
            throw new AssertionError("the test's own bytes do not decode", e);
        }
    }

    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobTypes.configure(env);
        return env;
    }

    private static DataGeneratorSource<RawRecord> source(List<RawRecord> records) {
        GeneratorFunction<Long, RawRecord> byIndex = i -> records.get(i.intValue());
        return new DataGeneratorSource<>(byIndex, records.size(), JobTypes.of(RawRecord.class));
    }



    /** Small models from another world: this test needs the scoring, not good scores. */
    private static List<ModelUpdate> models() throws Exception {
        return TestJobParts.smallModels(dir, SimulationOptions.defaults(5, 20_000, 2), 10);
    }
}
