package io.leaderlens.jobs.fraudscoring;

import static java.util.Objects.requireNonNull;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.ControlStreamWatermarks;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.DecodeEvents;
import io.leaderlens.jobs.common.PlatformEventStreams;
import io.leaderlens.jobs.types.JobTypes;
import io.leaderlens.privacy.EventPseudonyms;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.fraudscoring.features.EarlyScoring;
import io.leaderlens.jobs.fraudscoring.features.FraudFeatureStages;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.time.CalendarPeriod;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Live fraud scoring: platform events → decoded, deduplicated → features and binding rules, computed by keyed
 * stages per device, IP, payment account, member, category, pickup point, group buy and leader (plus the
 * recruitment graph) in event-time order (live events without waiting for the watermark, see {@link EarlyScoring}) → scored by the current models (swapped by broadcast updates, no restart) → every score, and
 * one alert per leader and hour, live: opened by its first flagged score, updated by each later one, closed when the hour ends
 * ({@link TrackAlerts}), each change one record with reasons and a recommended action.
 */
public final class FraudScoringJob {
    /** @param early live events scored without waiting for the watermark; {@code null}: every event in watermark order */
    public record Settings(ZoneId zone, Duration outOfOrderness, Duration idleness, Duration dedupRetention,
                           List<ModelUpdate> initialModels, EventPseudonyms pseudonyms, EarlyScoring early) {
        /** Every event scored in watermark order. */
        public Settings(ZoneId zone, Duration outOfOrderness, Duration idleness, Duration dedupRetention,
                        List<ModelUpdate> initialModels, EventPseudonyms pseudonyms) {
            this(zone, outOfOrderness, idleness, dedupRetention, initialModels, pseudonyms, null);
        }

        public Settings {
            requireNonNull(pseudonyms, "pseudonyms");
            requireNonNull(zone, "zone");
            requireNonNull(outOfOrderness, "outOfOrderness");
            requireNonNull(idleness, "idleness");
            requireNonNull(dedupRetention, "dedupRetention");
            initialModels = List.copyOf(initialModels);
        }
    }

    /** @param signals feature rows and rule violations before scoring (audits and the parity test) */
    public record Outputs(StreamOutput<FraudScore> scores, StreamOutput<FraudAlert> alerts, StreamOutput<ModelUpdate> modelChanges,
                          StreamOutput<DeadLetter> deadLetters, StreamOutput<FraudSignal> signals) {}

    private final Source<RawRecord, ?, ?> events;
    private final Source<ModelUpdate, ?, ?> modelUpdates;
    private final Settings settings;
    private final Outputs outputs;

    public FraudScoringJob(Source<RawRecord, ?, ?> events, Source<ModelUpdate, ?, ?> modelUpdates, Settings settings, Outputs outputs) {
        this.events = requireNonNull(events, "events");
        this.modelUpdates = requireNonNull(modelUpdates, "modelUpdates");
        this.settings = requireNonNull(settings, "settings");
        this.outputs = requireNonNull(outputs, "outputs");
    }

    public void build(StreamExecutionEnvironment env) {
        // chained operators pass records on without a deep copy: everything that crosses an operator here is immutable
        // (events, parts, rows, scores, alerts) or built fresh per record, and no function changes its input; each score
        // was copied by reflection once per chained output (both score tables, the alert filter)
        env.getConfig().enableObjectReuse();
        SingleOutputStreamOperator<PlatformEvent> decoded = PlatformEventStreams.decoded(env, events, settings.outOfOrderness(),
                settings.idleness(), settings.pseudonyms(), "fraud-");
        outputs.deadLetters().attach(decoded.getSideOutput(DecodeEvents.DEAD_LETTERS));

        // a campaign's events (the platform's, not a leader's) are no feature's input: the orders that took part name it
        DataStream<FraudSignal> signals = FraudFeatureStages.signals(PlatformEventStreams.unique(decoded, settings.dedupRetention(), "fraud-")
                .filter(PlatformEvent::atALeader).name("at-a-leader").uid("fraud-at-a-leader"), settings.early(), "fraud-");
        outputs.signals().attach(signals);

        // updates never hold event time back; one reader sees every partition of the rarely written topic
        BroadcastStream<ModelUpdate> updates = env
                .fromSource(modelUpdates, ControlStreamWatermarks.<ModelUpdate>never()
                        .withTimestampAssigner((update, previous) -> update.changedAt()), "model-updates").uid("fraud-model-updates")
                .setParallelism(1)
                .broadcast(ScoreSignals.CURRENT_MODELS);
        SingleOutputStreamOperator<FraudScore> scores = signals.connect(updates)
                .process(new ScoreSignals(settings.initialModels())).name("score").uid("fraud-score");
        outputs.modelChanges().attach(scores.getSideOutput(ScoreSignals.MODEL_CHANGES));
        outputs.scores().attach(scores);

        DataStream<FraudAlert> alerts = scores
                .filter(FraudScore::flagged).name("flagged").uid("fraud-flagged")
                .keyBy(FraudScore::leaderId, JobTypes.keys())
                .process(new TrackAlerts(CalendarPeriod.HOUR, settings.zone())).name("track-alerts").uid("fraud-track-alerts");
        outputs.alerts().attach(alerts);
    }
}
