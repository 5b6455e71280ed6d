package io.leaderlens.jobs.fraudscoring;

import io.leaderlens.models.alerts.AlertGroup;
import java.util.List;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** One alert per leader per window, with a stable id (leader and window), so re-emission replaces rather than adds. */
public final class EmitAlerts extends ProcessWindowFunction<AlertGroup, FraudAlert, String, TimeWindow> {
    private static final int SUBJECTS_SHOWN = 20;

    @Override
    public void process(String leaderId, Context context, Iterable<AlertGroup> groups, Collector<FraudAlert> out) {
        for (AlertGroup g : groups) {
            List<String> subjects = g.subjects.stream().sorted().limit(SUBJECTS_SHOWN).toList();
            out.collect(new FraudAlert(leaderId + "@" + context.window().getStart(), leaderId, context.window().getStart(),
                    context.window().getEnd(), g.count, g.maxScore, g.modelVersion, g.topReasons(), g.action().name(),
                    g.ruleViolation, subjects));
        }
    }
}
