package io.leaderlens.jobs.fraudscoring;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.EventTimeBuffer;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FraudFeatureExtractor;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Feeds events to the shared feature extractor (with its referral rules) in event-time order: events wait in
 * state until the watermark passes them, then go through sorted, so the streaming features equal the
 * offline ones computed from the same history. The extractor's view is platform-wide (devices, IPs and
 * payment accounts cross leaders), so this runs on a single key.
 */
public final class ExtractFraudSignals extends KeyedProcessFunction<String, PlatformEvent, FraudSignal> {
    private transient ValueState<FraudFeatureExtractor> extractor;
    private transient EventTimeBuffer<PlatformEvent> waiting;

    @Override
    public void open(OpenContext context) {
        extractor = getRuntimeContext().getState(new ValueStateDescriptor<>("extractor", FraudFeatureExtractor.class));
        waiting = EventTimeBuffer.create(getRuntimeContext(), TypeInformation.of(PlatformEvent.class));
    }

    @Override
    public void processElement(PlatformEvent event, Context ctx, Collector<FraudSignal> out) throws Exception {
        waiting.hold(event, event.eventTime(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FraudSignal> out) throws Exception {
        List<PlatformEvent> due = waiting.release(timestamp);
        if (due.isEmpty()) {
            return;
        }
        FraudFeatureExtractor features = extractor.value() != null ? extractor.value() : new FraudFeatureExtractor();
        for (PlatformEvent event : due) {
            FraudFeatureExtractor.Extracted extracted = features.extract(event);
            for (FeatureRow row : extracted.rows()) {
                out.collect(new FraudSignal(row, null, row.leaderId(), row.eventId(), row.eventTime()));
            }
            extracted.violation().ifPresent(v ->
                    out.collect(new FraudSignal(null, v, event.leaderId(), event.eventId(), event.eventTime())));
        }
        extractor.update(features);
    }
}
