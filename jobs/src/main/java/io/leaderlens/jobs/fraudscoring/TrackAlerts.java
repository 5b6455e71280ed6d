package io.leaderlens.jobs.fraudscoring;

import static java.util.Objects.requireNonNull;

import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.models.alerts.OpenAlert;
import io.leaderlens.time.CalendarPeriod;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader's alerts, one per hour, live: the first flagged score of the hour OPENS the alert at once, each later
 * one UPDATES it, and the watermark passing the hour's end CLOSES it (then its state is gone). Each change is one
 * {@link FraudAlert} record. A flagged score whose hour has already closed (the scoring stages release events in
 * watermark order, so only a late event could cause one) joins nothing and opens nothing — a second alert for an
 * hour the risk team saw close would be a duplicate — it is counted and logged; the score itself is in the score
 * tables.
 */
public final class TrackAlerts extends KeyedProcessFunction<String, FraudScore, FraudAlert> {
    private static final Logger LOG = LoggerFactory.getLogger(TrackAlerts.class);

    private final CalendarPeriod period;
    private final ZoneId zone;
    private transient MapState<Long, OpenAlert> open;
    private transient Counter afterClose;

    public TrackAlerts(CalendarPeriod period, ZoneId zone) {
        this.period = requireNonNull(period, "period");
        this.zone = requireNonNull(zone, "zone");
    }

    @Override
    public void open(OpenContext context) {
        open = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-alerts", Types.LONG, JobTypes.of(OpenAlert.class)));
        afterClose = getRuntimeContext().getMetricGroup().counter("flaggedAfterAlertClosed");
    }

    @Override
    public void processElement(FraudScore score, Context ctx, Collector<FraudAlert> out) throws Exception {
        long start = period.start(score.eventTime(), zone);
        long end = period.end(score.eventTime(), zone);
        OpenAlert alert = open.get(start);
        if (alert == null) {
            if (end - 1 <= ctx.timerService().currentWatermark()) {
                afterClose.inc();
                LOG.warn("flagged {} {} of leader {} at {} arrived after its alert's hour closed: in the score tables, not in an alert",
                        score.subject(), score.subjectId(), score.leaderId(), score.eventTime());
                return;
            }
            alert = OpenAlert.forPeriod(start, end);
            ctx.timerService().registerEventTimeTimer(end - 1);
        }
        var change = alert.join(score.leaderId(), score.subject() + ":" + score.subjectId(), score.score(), score.modelVersion(),
                score.reasons(), score.rule() != null, score.eventTime(), score.eventId(), score.subsidyCents());
        open.put(start, alert);
        out.collect(FraudAlert.of(ctx.getCurrentKey(), alert, change));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FraudAlert> out) throws Exception {
        List<Long> ended = new ArrayList<>();
        for (Map.Entry<Long, OpenAlert> entry : open.entries()) {
            if (entry.getValue().periodEnd - 1 <= timestamp) {
                ended.add(entry.getKey());
                out.collect(FraudAlert.of(ctx.getCurrentKey(), entry.getValue(), entry.getValue().close()));
            }
        }
        for (Long start : ended) {
            open.remove(start);
        }
    }
}
