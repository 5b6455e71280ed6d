package io.leaderlens.bench;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Counts the events the measured job's platform-event source has handed on (and keeps the JobManager's gauge of
 * its last checkpoint's duration), read every second by {@link MeasureJob} and {@link AlertLatencyBench}: finer
 * than the consumer offsets, which move only at each checkpoint (every 10 s) and so cannot time a run that lasts half a minute. With the job back-pressured, what the source hands on is what
 * the job gets through. A Flink metric reporter in the MiniCluster of the measuring JVM (one job per JVM),
 * found by Flink through {@code META-INF/services}.
 */
public final class SourceProgress implements MetricReporter {
    private static final String SOURCE = "platform-events"; // (Flink may prefix the operator's name with "Source: ")
    /** the source subtasks' record counters, as Flink registers them (one JVM measures one job) */
    private static final Map<MetricGroup, Counter> COUNTERS = new ConcurrentHashMap<>();
    /** the job's last completed checkpoint's duration, as the JobManager reports it */
    private static final AtomicReference<Gauge<?>> LAST_CHECKPOINT = new AtomicReference<>();

    /** The Flink settings that install this reporter. */
    static Configuration install() {
        Configuration flink = new Configuration();
        flink.setString("metrics.reporter.bench-progress.factory.class", Factory.class.getName());
        return flink;
    }

    /** Whether the source's counters were registered (else the reporter was not loaded, or the source renamed). */
    static boolean counting() {
        return !COUNTERS.isEmpty();
    }

    /** Events handed on by the source so far, over all its subtasks. */
    static long events() {
        long n = 0;
        for (Counter counter : COUNTERS.values()) {
            n += counter.getCount();
        }
        return n;
    }

    /** Milliseconds the job's last completed checkpoint took (-1 before the first, or when not reported). */
    static long lastCheckpointMillis() {
        Gauge<?> gauge = LAST_CHECKPOINT.get();
        return gauge != null && gauge.getValue() instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String operator = group.getAllVariables().get("<operator_name>");
        if ("numRecordsOut".equals(name) && metric instanceof Counter counter && operator != null && operator.endsWith(SOURCE)) {
            COUNTERS.put(group, counter);
        }
        if ("lastCheckpointDuration".equals(name) && metric instanceof Gauge<?> gauge) {
            LAST_CHECKPOINT.set(gauge);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    /** Created by Flink from the class name in the configuration. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new SourceProgress();
        }
    }
}
