package io.leaderlens.jobs.commissions;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.engine.CommissionSettings;
import io.leaderlens.commissions.engine.PublishedRate;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.DecodeEvents;
import io.leaderlens.jobs.common.PlatformEventStreams;
import io.leaderlens.privacy.EventPseudonyms;
import io.leaderlens.jobs.common.RawRecord;
import io.leaderlens.jobs.io.StreamOutput;
import io.leaderlens.jobs.types.JobTypes;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Commissions: platform events, the referral rules' binding decisions, fraud alerts and review verdicts → per
 * selling leader, in event-time order, the effective rates (published when they move) and the commission
 * ledger (every movement of every cent).
 */
public final class CommissionJob {
    /**
     * @param asOf for bounded runs: the moment the input describes; at its end, refund windows are credited up to
     *             here and no further (an unbounded run never reaches the end)
     */
    public record Settings(CommissionSettings commissions, Duration outOfOrderness, Duration idleness, Duration dedupRetention,
                           long asOf, EventPseudonyms pseudonyms) {
        public Settings {
            requireNonNull(pseudonyms, "pseudonyms");
            requireNonNull(commissions, "commissions");
            requireNonNull(outOfOrderness, "outOfOrderness");
            requireNonNull(idleness, "idleness");
            requireNonNull(dedupRetention, "dedupRetention");
        }
    }

    /**
     * @param undecodable events that could not be decoded (the leader metrics job records these for all readers)
     * @param refused     events the commission rules cannot apply, with the reason (e.g. a category without a base
     *                    rate), and unreadable alerts and verdicts
     */
    public record Outputs(StreamOutput<LedgerEntry> ledger, StreamOutput<PublishedRate> rates, StreamOutput<DeadLetter> undecodable,
                          StreamOutput<DeadLetter> refused) {}

    private final Source<RawRecord, ?, ?> events;
    private final Source<RawRecord, ?, ?> alerts;
    private final Source<RawRecord, ?, ?> resolutions;
    private final Settings settings;
    private final Outputs outputs;

    /**
     * @param alerts      the fraud-alerts topic's records (JSON), decoded in the job: an unreadable one is refused
     * @param resolutions the alert-resolutions topic's records (JSON), likewise
     */
    public CommissionJob(Source<RawRecord, ?, ?> events, Source<RawRecord, ?, ?> alerts,
                         Source<RawRecord, ?, ?> resolutions, Settings settings, Outputs outputs) {
        this.events = requireNonNull(events, "events");
        this.alerts = requireNonNull(alerts, "alerts");
        this.resolutions = requireNonNull(resolutions, "resolutions");
        this.settings = requireNonNull(settings, "settings");
        this.outputs = requireNonNull(outputs, "outputs");
    }

    private static final TypeInformation<CommissionInput> INPUT = JobTypes.of(CommissionInput.class);

    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<PlatformEvent> decoded = PlatformEventStreams.decoded(env, events, settings.outOfOrderness(),
                settings.idleness(), settings.pseudonyms(), "commission-");
        // a campaign's events (the platform's, not a leader's) move no commission: the orders that took part name it
        DataStream<PlatformEvent> unique = PlatformEventStreams.unique(decoded, settings.dedupRetention(), "commission-")
                .filter(PlatformEvent::atALeader).name("at-a-leader").uid("commission-at-a-leader");
        DataStream<CommissionInput> platform = unique
                .map(CommissionInput::of, INPUT).name("as-commission-input").uid("commission-events-as-input");
        // the referral rules decide which bindings stand (second tier, new-member bonus), as the fraud job applies them:
        // self-referral per member, loops on the recruitment graph (leaders only, the one global key)
        DataStream<CommissionInput> memberBindings = unique
                .filter(DecideMemberBindings::concerns).name("member-bindings").uid("commission-member-bindings")
                .keyBy(event -> event.referral().getUserId(), JobTypes.keys())
                .transform("decide-member-bindings", INPUT, new DecideMemberBindings().operator()).uid("commission-decide-member-bindings");
        DataStream<CommissionInput> uplineBindings = unique
                .filter(DecideUplineBindings::concerns).name("recruitments").uid("commission-recruitments")
                .keyBy(event -> DecideUplineBindings.KEY, JobTypes.keys())
                .transform("decide-upline-bindings", INPUT, new DecideUplineBindings().operator()).uid("commission-decide-upline-bindings");

        // alerts and verdicts are sparse: idle most of the time, they must not hold back the events' clock
        SingleOutputStreamOperator<CommissionInput> alertInputs = control(env, alerts, ControlRecords.Kind.ALERT, "fraud-alerts", "alert");
        SingleOutputStreamOperator<CommissionInput> verdicts = control(env, resolutions, ControlRecords.Kind.VERDICT, "alert-resolutions",
                "verdict");

        SingleOutputStreamOperator<LedgerEntry> ledger = platform.union(memberBindings, uplineBindings, alertInputs, verdicts)
                .keyBy(CommissionInput::leaderId, JobTypes.keys())
                .process(new ApplyCommissions(settings.commissions(), settings.asOf()), JobTypes.of(LedgerEntry.class))
                .name("apply-commissions").uid("commission-apply");

        outputs.ledger().attach(ledger);
        outputs.rates().attach(ledger.getSideOutput(ApplyCommissions.RATES));
        outputs.undecodable().attach(decoded.getSideOutput(DecodeEvents.DEAD_LETTERS));
        outputs.refused().attach(ledger.getSideOutput(ApplyCommissions.REFUSED)
                .union(alertInputs.getSideOutput(ControlRecords.Decode.DEAD_LETTERS), verdicts.getSideOutput(ControlRecords.Decode.DEAD_LETTERS)));
    }

    /** A control topic's records, decoded, with per-partition watermarks from their own times. */
    private SingleOutputStreamOperator<CommissionInput> control(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source,
                                                                ControlRecords.Kind kind, String name, String what) {
        return env
                .fromSource(source, PlatformEventStreams.idle(WatermarkStrategy.<RawRecord>forMonotonousTimestamps()
                        .withTimestampAssigner(new ControlRecords.Time(kind)), settings.idleness()), name)
                .uid("commission-" + name)
                .process(new ControlRecords.Decode(kind), INPUT).name("decode-" + what + "s").uid("commission-decode-" + what + "s");
    }
}
