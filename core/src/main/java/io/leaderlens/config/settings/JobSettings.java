package io.leaderlens.config.settings;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How a job runs and reads time: where (embedded, a session cluster, inside an application cluster), how wide,
 * as which consumer group, and the event-time bounds every job applies on the platform clock.
 */
public record JobSettings(String target, int parallelism, String consumerGroup, Duration outOfOrderness, Duration idleness,
                          Duration dedupRetention, ZoneId zone) {
    public JobSettings {
        requireNonNull(target, "target");
        requireNonNull(consumerGroup, "consumerGroup");
        requireNonNull(outOfOrderness, "outOfOrderness");
        requireNonNull(idleness, "idleness");
        requireNonNull(dedupRetention, "dedupRetention");
        requireNonNull(zone, "zone");
    }

    static JobSettings read(LeaderlensConfig config, Problems problems) {
        String target = problems.read(() -> config.get("job.target"), "embedded");
        problems.check(target.equals("embedded") || target.equals("cluster") || target.equals("application"),
                "job.target must be embedded, cluster or application, got '" + target + "'");
        int parallelism = problems.read(() -> config.getInt("job.parallelism"), 1);
        problems.check(parallelism >= 1 && parallelism <= 1024, "job.parallelism must be between 1 and 1024, got " + parallelism);
        String group = problems.read(() -> config.get("job.consumer-group"), "");
        Duration outOfOrderness = nonNegative(config, problems, "job.out-of-orderness");
        Duration idleness = nonNegative(config, problems, "job.idleness");
        Duration dedup = nonNegative(config, problems, "job.dedup-retention");
        ZoneId zone = problems.read(() -> config.getZone("timezone"), ZoneId.of("UTC"));
        return new JobSettings(target, parallelism, group, outOfOrderness, idleness, dedup, zone);
    }

    private static Duration nonNegative(LeaderlensConfig config, Problems problems, String key) {
        Duration value = problems.read(() -> config.getDuration(key), Duration.ZERO);
        problems.check(!value.isNegative(), key + " must not be negative, got " + value);
        return value;
    }
}
