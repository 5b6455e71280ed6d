package io.leaderlens.jobs.runtime;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.config.settings.KafkaSettings;
import io.leaderlens.config.settings.RuntimeSettings;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.common.RawRecordDeserializer;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.privacy.EventPseudonyms;
import io.leaderlens.privacy.Pseudonyms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * What every leaderlens job runs on, from the configuration: the execution environment (a MiniCluster in this
 * JVM, or a Flink session cluster the job jar is shipped to), exactly-once checkpoints, the state backend, typed
 * serializers only, and the Kafka source of platform events.
 */
public final class JobRuntime {
    /** {@code job.target}: where a job runs. */
    public enum Target {
        /** a Flink MiniCluster in this JVM */
        EMBEDDED,
        /** the Flink session cluster at {@code flink.rest-address}, with the job jar */
        CLUSTER,
        /**
         * inside a Flink application cluster that runs the job jar's {@code main} (the Kubernetes operator's
         * FlinkDeployment): the environment is the one Flink hands over, parallelism is the deployment's
         */
        APPLICATION;

        static Target parse(String value) {
            return switch (value) {
                case "embedded" -> EMBEDDED;
                case "cluster" -> CLUSTER;
                case "application" -> APPLICATION;
                default -> throw new IllegalArgumentException("job.target must be embedded, cluster or application, not '" + value + "'");
            };
        }
    }

    private final LeaderlensConfig config;
    private RuntimeSettings settings;

    public JobRuntime(LeaderlensConfig config) {
        this.config = requireNonNull(config, "config");
    }

    /**
     * Kafka, catalog, checkpoint and job settings, parsed and checked on first use — before a job's environment or
     * graph is built — and refused with every problem listed ({@link io.leaderlens.config.settings.InvalidSettingsException}).
     */
    public RuntimeSettings settings() {
        if (settings == null) {
            settings = RuntimeSettings.from(config);
        }
        return settings;
    }

    /**
     * The pseudonym keys every job applies at ingest ({@code privacy.key-file}; empty: the local stack's
     * {@link #localKeyFile()}), read when the job is built: a missing key stops it before it starts, saying what to do.
     */
    public EventPseudonyms pseudonyms() {
        try {
            return new EventPseudonyms(Pseudonyms.read(config.find("privacy.key-file").map(Path::of).orElse(localKeyFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pseudonym key file", e);
        }
    }

    /** Where ./leaderlens up keeps the local stack's key: in the user's home, outside the checkout and its config. */
    public static Path localKeyFile() {
        return Path.of(System.getProperty("user.home"), ".leaderlens", "pseudonym.keys");
    }

    public Target target() {
        return Target.parse(config.get("job.target"));
    }

    /** Every platform event topic: orders, group buys, referrals, coupons (at leaders) and campaigns (the platform's). */
    public static List<String> eventTopics(LeaderlensConfig config) {
        return KafkaSettings.EVENT_TOPIC_KEYS.stream().map(config::get).toList();
    }

    /** The topics of events at leaders, which every job reads: all but the campaigns'. */
    public static List<String> leaderEventTopics(LeaderlensConfig config) {
        String campaigns = config.get("topics.campaigns");
        return eventTopics(config).stream().filter(topic -> !topic.equals(campaigns)).toList();
    }

    public StreamExecutionEnvironment environment() {
        return environment(new Configuration());
    }

    /** The environment of {@code job.target}, with Flink settings of the caller's on top (the bench adds a metric reporter). */
    public StreamExecutionEnvironment environment(Configuration overrides) {
        settings();
        if (target() == Target.APPLICATION) {
            // the deployment (a FlinkDeployment's flinkConfiguration) owns state backend, checkpoint storage, HA,
            // restarts and parallelism; the operator's savepoint upgrades rely on them being its own
            return StreamExecutionEnvironment.getExecutionEnvironment(overrides);
        }
        Configuration flink = new Configuration();
        // a broker restart or a catalog outage lasts longer than a few fixed retries: back off up to 30 s, and give
        // up after job.restart-attempts restarts (12) without 5 stable minutes between them (a bug that fails every
        // attempt still ends the job, in about 4 minutes)
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, java.time.Duration.ofSeconds(1));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, settings().checkpoints().restartMaxBackoff());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, java.time.Duration.ofMinutes(5));
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, settings().checkpoints().restartAttempts());
        // state outgrows the JobManager's in-memory checkpoint storage (a few MB) quickly: checkpoints go to files
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirectory());
        // a cancelled job keeps its last checkpoint, so it can be resumed from there (as after a lost JobManager)
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        stateBackend(config.get("job.state-backend"), flink);
        // Hadoop's shutdown hook touches the job's class loader after the job ends; harmless, but noisy
        flink.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        flink.addAll(overrides);
        int parallelism = config.getInt("job.parallelism");
        if (target() == Target.CLUSTER) {
            String[] hostPort = restAddress().split(":", 2);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(hostPort[0],
                    Integer.parseInt(hostPort[1]), flink, jobJar().toString());
            env.setParallelism(parallelism);
            return env;
        }
        if ("local".equals(config.profile())) {
            return StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(parallelism);
        return env;
    }

    /** {@code flink.rest-address} (host:port); under the local profile, empty means the cluster of {@code ./leaderlens cluster up}. */
    public String restAddress() {
        String address = config.find("flink.rest-address")
                .orElseGet(() -> "127.0.0.1:" + config.getInt("stack.flink-rest-port"));
        if (!address.matches("[^:]+:\\d+")) {
            throw new IllegalArgumentException("flink.rest-address must be host:port, not '" + address + "'");
        }
        return address;
    }

    /** {@code job.jar}, or the job jar this build made; refused with a clear message when it is missing. */
    public Path jobJar() {
        Path jar = config.find("job.jar").map(Path::of).orElseGet(JobRuntime::builtJobJar);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the job jar " + jar + " does not exist: build it with ./mvnw -DskipTests package");
        }
        return jar.toAbsolutePath();
    }

    private static Path builtJobJar() {
        Properties props = new Properties();
        try (InputStream in = JobRuntime.class.getResourceAsStream("job-jar.properties")) {
            if (in == null) {
                throw new IllegalStateException("job-jar.properties missing: build the project with ./mvnw package");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(props.getProperty("job.jar"));
    }

    /** hashmap: state on the heap; rocksdb: state on local disk, checkpointed incrementally. */
    static void stateBackend(String backend, Configuration flink) {
        switch (backend) {
            case "hashmap" -> flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
            case "rocksdb" -> {
                flink.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
                flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            }
            default -> throw new IllegalArgumentException("job.state-backend must be hashmap or rocksdb, not '" + backend + "'");
        }
    }

    /** {@code job.checkpoint-dir}, or {@code <stack.data-dir>/checkpoints} when unset. */
    public String checkpointDirectory() {
        return config.find("job.checkpoint-dir").orElseGet(() ->
                Path.of(config.get("stack.data-dir")).resolve("checkpoints").toAbsolutePath().toUri().toString());
    }

    /**
     * The newest completed checkpoint a job left in {@link #checkpointDirectory()} (a {@code chk-N} directory with
     * its {@code _metadata}), if the directory is on this machine's file system.
     */
    public Optional<String> latestCheckpoint(String jobId) throws IOException {
        URI dir = URI.create(checkpointDirectory());
        if (!"file".equals(dir.getScheme())) {
            throw new IllegalStateException("checkpoints are in " + dir + ", not on this machine: give the checkpoint's path instead");
        }
        Path job = Path.of(dir).resolve(jobId);
        if (!Files.isDirectory(job)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(job)) {
            return children.filter(p -> p.getFileName().toString().matches("chk-\\d+") && Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .map(p -> p.toUri().toString());
        }
    }

    /** {@code job.savepoint-dir}, or {@code <stack.data-dir>/savepoints} when unset. */
    public String savepointDirectory() {
        return config.find("job.savepoint-dir").orElseGet(() ->
                Path.of(config.get("stack.data-dir")).resolve("savepoints").toAbsolutePath().toUri().toString());
    }

    /** What every leaderlens job needs on its environment: typed serializers only (no Kryo) and exactly-once checkpoints. */
    public void configure(StreamExecutionEnvironment env) {
        JobTypes.configure(env);
        env.enableCheckpointing(settings().checkpoints().interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setCheckpointTimeout(settings().checkpoints().timeout().toMillis());
    }

    /**
     * The events at leaders (every event topic but the campaigns'), read committed, as the consumer group
     * {@code job.consumer-group}.
     *
     * @param bounded      read what is in the topics now and stop; otherwise follow them
     * @param startOffsets where to start; null: the group's committed offsets, from the beginning for a new group
     */
    public KafkaSource<RawRecord> platformEvents(boolean bounded, Map<TopicPartition, Long> startOffsets) {
        return rawRecords(leaderEventTopics(config), config.get("job.consumer-group"), bounded, startOffsets);
    }

    /** The platform's campaign events ({@code topics.campaigns}), read as {@link #platformEvents} reads the others. */
    public KafkaSource<RawRecord> campaignEvents(boolean bounded, Map<TopicPartition, Long> startOffsets) {
        return rawRecords(List.of(config.get("topics.campaigns")), config.get("job.consumer-group"), bounded, startOffsets);
    }

    /**
     * Records of any topics, undecoded (a job decodes them, so bad bytes become dead letters), read committed.
     *
     * @param startOffsets where to start; null: the group's committed offsets; a partition without either: its beginning
     */
    public KafkaSource<RawRecord> rawRecords(List<String> topics, String groupId, boolean bounded, Map<TopicPartition, Long> startOffsets) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(settings().kafka().bootstrapServers())
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(startOffsets == null
                        ? OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)
                        : OffsetsInitializer.offsets(startOffsets, OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed");
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
