package io.leaderlens.it;

import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/** Runs the real job (Kafka → Flink MiniCluster → Iceberg) over what a test produced after a snapshot of offsets. */
final class JobRuns {
    private JobRuns() {}

    static Map<TopicPartition, Long> snapshotOffsets(LeaderlensConfig config) {
        return KafkaOffsets.endOffsets(config.get("kafka.bootstrap-servers"),
                JobRuntime.eventTopics(config));
    }

    static void runBounded(LeaderlensConfig config, Map<TopicPartition, Long> from) throws Exception {
        LeaderlensConfig run = config.with("job.consumer-group", "it-" + UUID.randomUUID());
        LeaderMetricsRunner runner = new LeaderMetricsRunner(run);
        runner.run(runner.environment(), true, from);
    }
}
