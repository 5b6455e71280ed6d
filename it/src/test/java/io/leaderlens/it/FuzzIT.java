package io.leaderlens.it;

import io.leaderlens.jobs.common.InputTables;
import io.leaderlens.services.Simulations;
import io.leaderlens.recompute.Recomputation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaderlens.cli.CliContext;
import io.leaderlens.cli.Main;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.events.codec.JsonEventCodec;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.stack.Trino;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Bad input at volume. 10,000 mutated records — truncated bytes, flipped header and fingerprint bits, unknown
 * enum symbols, huge strings, negative and overflowing amounts, events from before 2000 and after 2099, missing
 * ids, impossible group sizes, garbage and empty records — mixed into a simulated world's valid events, through
 * the leader metrics job with restarts switched off (one record that failed the job would fail this test):
 * every bad record is a dead letter with the reason its mutation calls for, no valid record is, and every valid
 * event counts once in the figures the recomputation expects. Then JSON-lines garbage through {@code replay}.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class FuzzIT {
    private static final LocalDate FIRST_DAY = LocalDate.of(2035, 3, 1); // apart from every other IT's days
    private static final long SEED = 77;
    private static final int BAD_RECORDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BinaryEventCodec codec = new BinaryEventCodec();

    /** A way to break a valid event, and the reason the job must give for it. */
    private record Mutation(String name, Pattern reason, Function<Random, Function<PlatformEvent, byte[]>> apply, boolean ordersOnly) {}

    private final List<Mutation> mutations = List.of(
            new Mutation("truncated", Pattern.compile("^(not Avro single-object encoding.*|unknown schema fingerprint .*|malformed \\w+ body: .*)$"),
                    r -> e -> {
                        byte[] bytes = codec.encode(e.record());
                        return java.util.Arrays.copyOf(bytes, 1 + r.nextInt(bytes.length - 1));
                    }, false),
            new Mutation("header bit flipped", Pattern.compile("^not Avro single-object encoding \\(missing C3 01 header\\)$"),
                    r -> e -> flip(codec.encode(e.record()), r.nextInt(16)), false),
            new Mutation("fingerprint bit flipped", Pattern.compile("^unknown schema fingerprint [0-9a-f]+$"),
                    r -> e -> flip(codec.encode(e.record()), 16 + r.nextInt(64)), false),
            new Mutation("unknown enum symbol", Pattern.compile("^malformed \\w+ body: .*$"), r -> this::withUnknownType, false),
            // a campaign is the platform's: no city, its own id is its text
            new Mutation("huge string", Pattern.compile("^(city|campaign_id) is \\d+ characters long \\(at most 256\\)$"),
                    r -> e -> encode(e, e.atALeader() ? "city" : "campaign_id", "x".repeat(257 + r.nextInt(200_000))), false),
            new Mutation("negative amount", Pattern.compile("^negative amount_cents -\\d+$"),
                    r -> e -> encode(e, "amount_cents", -1L - r.nextInt(1_000_000)), true),
            new Mutation("overflowing amount", Pattern.compile("^amount_cents \\d+ is above the ceiling of 100000000 per order$"),
                    r -> e -> encode(e, "amount_cents", Long.MAX_VALUE - r.nextInt(1_000)), true),
            new Mutation("far past", Pattern.compile("^event_time 1\\d{3}-.* is outside the years 2000 to 2099$"),
                    r -> e -> encode(e, "event_time", 1_000L + (long) (r.nextDouble() * 900_000_000_000L)), false),
            new Mutation("far future", Pattern.compile("^event_time \\+?\\d{4,}-.* is outside the years 2000 to 2099$"),
                    r -> e -> encode(e, "event_time", 4_102_444_800_000L + (long) (r.nextDouble() * 1e13)), false),
            new Mutation("missing event id", Pattern.compile("^missing event_id$"), r -> e -> encode(e, "event_id", " "), false),
            new Mutation("garbage", Pattern.compile("^not Avro single-object encoding.*$"), r -> e -> {
                byte[] bytes = new byte[r.nextInt(300)];
                r.nextBytes(bytes);
                if (bytes.length > 0) {
                    bytes[0] = (byte) 0x7B; // never the C3 of the header
                }
                return bytes;
            }, false));

    @Test
    void tenThousandBadRecordsAreDeadLettersWithTheirReasonsAndEveryValidEventCounts() throws Exception {
        LeaderlensConfig config = SharedStack.config().with("job.consumer-group", "it-fuzz-" + UUID.randomUUID());
        Trino trino = CliContext.trino(config);
        SimulationOptions d = SimulationOptions.defaults(SEED, 30_000, 2);
        SimulationOptions options = new SimulationOptions(SEED, d.events(), 2, FIRST_DAY, d.zone(), d.maxJitterMillis(),
                d.duplicateRate(), d.fraud());
        Path files = Path.of("target/it-fuzz");
        Simulations.toFiles(options, files);
        List<PlatformEvent> valid = new ArrayList<>();
        JsonEventCodec json = new JsonEventCodec();
        for (String line : Files.readAllLines(files.resolve("events.jsonl"))) {
            valid.add(json.decode(line));
        }
        Map<TopicPartition, Long> start = JobRuns.snapshotOffsets(config);
        long startedAt = System.currentTimeMillis();

        // the valid events in their order, a bad record after a random one of them, 10,000 times
        Random random = new Random(SEED);
        int[] badAfter = new int[valid.size()];
        for (int i = 0; i < BAD_RECORDS; i++) {
            badAfter[random.nextInt(valid.size())]++;
        }
        Map<String, Mutation> expected = new HashMap<>(); // topic/partition/offset -> mutation
        List<String> validPositions = new ArrayList<>();
        Map<String, Integer> perMutation = new java.util.TreeMap<>();
        Map<String, String> sentDigests = new HashMap<>(); // topic/partition/offset -> SHA-256 of the bytes sent
        try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
            List<Future<RecordMetadata>> validSends = new ArrayList<>();
            List<Future<RecordMetadata>> badSends = new ArrayList<>();
            List<Mutation> badMutations = new ArrayList<>();
            List<byte[]> badBytes = new ArrayList<>();
            for (int i = 0; i < valid.size(); i++) {
                PlatformEvent event = valid.get(i);
                String topic = CliContext.eventTopics(config).get(event.kind());
                byte[] key = event.partitionKey().getBytes(StandardCharsets.UTF_8);
                validSends.add(producer.send(new ProducerRecord<>(topic, key, codec.encode(event.record()))));
                for (int b = 0; b < badAfter[i]; b++) {
                    Mutation mutation;
                    do {
                        mutation = mutations.get(random.nextInt(mutations.size()));
                    } while (mutation.ordersOnly() && event.order() == null);
                    PlatformEvent base = withId(event, "fuzz-" + badSends.size());
                    byte[] bad = mutation.apply().apply(random).apply(base);
                    badSends.add(producer.send(new ProducerRecord<>(topic, key, bad)));
                    badBytes.add(bad);
                    badMutations.add(mutation);
                    perMutation.merge(mutation.name(), 1, Integer::sum);
                }
            }
            // a tombstone (no value at all) on the orders topic, as a careless producer would send
            String tombstoneTopic = config.get("topics.orders");
            RecordMetadata tombstone = producer.send(new ProducerRecord<>(tombstoneTopic, new byte[] {1}, null)).get();
            expected.put(position(tombstone), new Mutation("tombstone", Pattern.compile("^not Avro single-object encoding.*$"), null, false));
            for (Future<RecordMetadata> sent : validSends) {
                validPositions.add(position(sent.get()));
            }
            for (int i = 0; i < badSends.size(); i++) {
                expected.put(position(badSends.get(i).get()), badMutations.get(i));
                sentDigests.put(position(badSends.get(i).get()), sha256(badBytes.get(i)));
            }
        }
        assertThat(perMutation).as("every mutation was sent").hasSize(mutations.size());

        // bounded, restarts off: a record that failed the job fails the run
        LeaderMetricsRunner runner = new LeaderMetricsRunner(config);
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        runner.run(runner.environment(noRestarts), true, start);

        Map<String, String> dead = new HashMap<>();
        Map<String, String> deadDigests = new HashMap<>();
        for (List<String> row : trino.query("SELECT source, kafka_partition, kafka_offset, reason, payload_sha256 FROM iceberg.leaderlens.dead_letters "
                + "WHERE received_at >= from_unixtime(" + startedAt / 1000 + ")").rows()) {
            String position = row.get(0) + "/" + row.get(1) + "/" + row.get(2);
            if (expected.containsKey(position) || validPositions.contains(position)) {
                assertThat(dead.put(position, row.get(3))).as("one dead letter for " + position).isNull();
                deadDigests.put(position, row.get(4));
            }
        }
        // the bytes are not kept (they may hold raw identifiers): their digest names them
        sentDigests.forEach((position, digest) -> assertThat(deadDigests.get(position)).as("digest of " + position).isEqualTo(digest));
        List<String> wrong = new ArrayList<>();
        expected.forEach((position, mutation) -> {
            String reason = dead.get(position);
            if (reason == null || !mutation.reason().matcher(reason).matches()) {
                wrong.add(mutation.name() + " at " + position + ": " + reason);
            }
        });
        assertThat(wrong).as("bad records without their dead letter, or with another reason (of " + expected.size() + ")").isEmpty();
        assertThat(validPositions.stream().filter(dead::containsKey).toList()).as("valid events refused").isEmpty();

        Recomputation recomputed = Recomputation.of(files.resolve("events.jsonl"), config.getZone("timezone"));
        String days = "day >= DATE '" + FIRST_DAY + "' AND day < DATE '" + FIRST_DAY.plusDays(10) + "'";
        long landed = Long.parseLong(trino.query(InputTables.countRawEventsSql("iceberg.leaderlens", days)).rows().get(0).get(0));
        assertThat(landed).as("every valid event counted once").isEqualTo(recomputed.uniqueEvents);
        Map<Recomputation.Key, Long> net = new java.util.TreeMap<>();
        for (List<String> row : trino.query("SELECT leader_id, day, net_gmv_cents FROM iceberg.leaderlens.leader_metrics_daily WHERE "
                + days).rows()) {
            net.put(new Recomputation.Key(row.get(0), LocalDate.parse(row.get(1))), Long.parseLong(row.get(2)));
        }
        Map<Recomputation.Key, Long> expectedNet = new java.util.TreeMap<>();
        recomputed.figures.forEach((key, f) -> expectedNet.put(key, f.netCents()));
        assertThat(net).as("each leader's daily net GMV, as recomputed from the valid events alone").isEqualTo(expectedNet);
        System.out.println("fuzz: " + valid.size() + " valid events, " + (expected.size() - 1) + " bad records " + perMutation + " and a tombstone");
    }

    @Test
    void replayRefusesEveryBadLineWithItsReasonAndSendsEveryValidOne() throws Exception {
        LeaderlensConfig config = SharedStack.config();
        Path dir = Path.of("target/it-fuzz-replay");
        SimulationOptions d = SimulationOptions.defaults(SEED + 1, 2_000, 1);
        Simulations.toFiles(new SimulationOptions(SEED + 1, d.events(), 1, FIRST_DAY.plusDays(20), d.zone(),
                d.maxJitterMillis(), d.duplicateRate(), d.fraud()), dir);
        List<String> validLines = Files.readAllLines(dir.resolve("events.jsonl"));
        Random random = new Random(SEED);
        List<String> lines = new ArrayList<>();
        Map<Integer, Pattern> badLines = new java.util.TreeMap<>();
        for (String line : validLines) {
            lines.add(line);
            if (random.nextInt(3) == 0) {
                ObjectNode event = (ObjectNode) JSON.readTree(line);
                int kind = random.nextInt(7);
                String bad;
                Pattern reason;
                switch (kind) {
                    case 0 -> {
                        bad = line.substring(0, 1 + random.nextInt(line.length() - 2));
                        reason = Pattern.compile(".+");
                    }
                    case 1 -> {
                        bad = event.put("type", "TELEPORTED").toString();
                        reason = Pattern.compile(".*TELEPORTED.*");
                    }
                    case 2 -> {
                        bad = event.put("event_time", 4_102_444_800_000L + random.nextInt(1_000_000)).toString();
                        reason = Pattern.compile("^event_time .* is outside the years 2000 to 2099$");
                    }
                    case 3 -> {
                        String text = event.has("leader_id") ? "leader_id" : "campaign_id"; // a campaign has no leader
                        bad = event.put(text, "x".repeat(300)).toString();
                        reason = Pattern.compile("^" + text + " is 300 characters long \\(at most 256\\)$");
                    }
                    case 4 -> {
                        bad = event.put("event_time", "yesterday").toString();
                        reason = Pattern.compile(".+");
                    }
                    case 5 -> {
                        ArrayNode array = JSON.createArrayNode().add(event);
                        bad = array.toString();
                        reason = Pattern.compile(".+");
                    }
                    default -> {
                        bad = "\u0000\u00ff garbage \ud83d\ude00 " + random.nextLong();
                        reason = Pattern.compile(".+");
                    }
                }
                lines.add(bad);
                badLines.put(lines.size(), reason);
            }
        }
        Path in = dir.resolve("with-garbage.jsonl");
        Files.write(in, lines);
        Path configFile = SharedStack.writeConfig(config, dir.resolve("leaderlens.properties"));
        Map<TopicPartition, Long> before = JobRuns.snapshotOffsets(config);
        int exit = new CommandLine(new Main()).execute("replay", "--config", configFile.toString(), "--in", in.toString());

        assertThat(exit).as("replay exits with 2 when it refused lines").isEqualTo(2);
        Map<Integer, String> refused = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(Path.of(in + ".rejected.jsonl"))) {
            var r = JSON.readTree(line);
            refused.put(r.get("line").asInt(), r.get("reason").asText());
        }
        assertThat(refused.keySet()).as("the refused line numbers").isEqualTo(badLines.keySet());
        badLines.forEach((line, reason) -> assertThat(refused.get(line)).as("line " + line).matches(reason));
        Map<TopicPartition, Long> after = JobRuns.snapshotOffsets(config);
        long sent = after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
        assertThat(sent).as("every valid line sent once").isEqualTo(validLines.size());
        assertThat(JobRuntime.eventTopics(config)).isNotEmpty();
    }

    /** The event with another id, so a broken copy never collides with the valid original in deduplication. */
    private static PlatformEvent withId(PlatformEvent event, String id) {
        SpecificRecord copy = switch (event.kind()) {
            case ORDER -> OrderEvent.newBuilder(event.order()).setEventId(id).build();
            case GROUP_BUY -> GroupBuyEvent.newBuilder(event.groupBuy()).setEventId(id).build();
            case REFERRAL -> ReferralEvent.newBuilder(event.referral()).setEventId(id).build();
            case COUPON -> io.leaderlens.events.CouponEvent.newBuilder(event.coupon()).setEventId(id).build();
            case CAMPAIGN -> io.leaderlens.events.CampaignEvent.newBuilder(event.campaign()).setEventId(id).build();
        };
        return PlatformEvent.of(copy);
    }

    /** The event with one field set to a value (of the field's own type), encoded as the producers do. */
    private byte[] encode(PlatformEvent event, String field, Object value) {
        SpecificRecord copy = withId(event, event.eventId()).record();
        copy.put(copy.getSchema().getField(field).pos(), value);
        return codec.encode(copy);
    }

    /**
     * The event's own header and schema fingerprint, but a body written with an enum symbol its schema does not
     * have (a producer on a newer schema that forgot to publish it): the reader finds an index past its symbols.
     */
    private byte[] withUnknownType(PlatformEvent event) {
        try {
            Schema schema = event.record().getSchema();
            ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
            for (var field : json.get("fields")) {
                if (field.get("name").asText().equals("type")) {
                    ((ArrayNode) field.get("type").get("symbols")).add("TELEPORTED");
                }
            }
            Schema wider = new Schema.Parser().parse(json.toString());
            GenericData.Record record = new GenericData.Record(wider);
            for (Schema.Field f : schema.getFields()) {
                Object value = event.record().get(f.pos());
                record.put(f.name(), f.name().equals("type") ? new GenericData.EnumSymbol(wider.getField("type").schema(), "TELEPORTED")
                        : value instanceof Enum<?> e ? new GenericData.EnumSymbol(enumOf(wider.getField(f.name()).schema()), e.name()) : value);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(codec.encode(event.record()), 0, 10); // header and the narrower schema's fingerprint
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericData.Record>(wider).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The enum itself, also where a nullable field wraps it in a union with null (the v2 referral channel). */
    private static Schema enumOf(Schema schema) {
        return schema.isUnion() ? schema.getTypes().stream().filter(s -> s.getType() == Schema.Type.ENUM).findFirst().orElseThrow() : schema;
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static String position(RecordMetadata m) {
        return m.topic() + "/" + m.partition() + "/" + m.offset();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(LeaderlensConfig config) {
        Properties props = new Properties();
        props.put("bootstrap.servers", config.get("kafka.bootstrap-servers"));
        props.put("max.request.size", String.valueOf(4 * 1024 * 1024)); // the huge strings
        props.put("linger.ms", "5");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
