package io.leaderlens.jobs.fraudscoring.features;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.FeatureRouting;
import io.leaderlens.features.GroupBuyInput;
import io.leaderlens.features.IdentifierKind;
import io.leaderlens.features.MemberHistory;
import io.leaderlens.jobs.common.EarlyRelease;
import io.leaderlens.jobs.fraudscoring.FraudSignal;
import io.leaderlens.jobs.types.JobTypes;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The fraud features as keyed stages, each holding the history of what it is keyed by (see
 * {@link FeatureRouting}): devices, IPs and payment accounts, members, categories, pickup points, group buys,
 * and leaders, who assemble each scored event's row from the others' parts; plus the recruitment graph, the
 * one global structure (leaders only). Every stage applies its inputs in canonical event-time order, so the
 * rows equal the offline extractor's at any parallelism — under {@link EarlyScoring} too, as long as each key's
 * inputs reach it in time order within the reorder wait (the exceptions are applied late and counted).
 */
public final class FraudFeatureStages {
    private FraudFeatureStages() {}

    /** Deduplicated platform events → feature rows and rule violations, in watermark order. */
    public static DataStream<FraudSignal> signals(DataStream<PlatformEvent> events, String uidPrefix) {
        return signals(events, null, uidPrefix);
    }

    /**
     * Deduplicated platform events → feature rows and rule violations; live ones early when {@code early} is set
     * (else in watermark order). {@code uidPrefix} keeps operator ids stable.
     */
    public static DataStream<FraudSignal> signals(DataStream<PlatformEvent> events, EarlyScoring early, String uidPrefix) {
        EarlyRelease stages = early == null ? null : early.onePath();
        DataStream<FeaturePart> identifierParts = null;
        for (IdentifierKind kind : IdentifierKind.values()) {
            String name = "features-by-" + kind.name().toLowerCase().replace('_', '-');
            DataStream<FeaturePart> parts = events
                    .filter(e -> FeatureRouting.identifier(e, kind) != null).name("has-" + name).uid(uidPrefix + "has-" + name)
                    .keyBy(e -> IdentifierStage.keyOf(e, kind), JobTypes.keys())
                    .transform(name, JobTypes.of(FeaturePart.class), new IdentifierStage(kind).operator(stages)).uid(uidPrefix + name);
            identifierParts = identifierParts == null ? parts : identifierParts.union(parts);
        }

        SingleOutputStreamOperator<FeaturePart> memberParts = events
                .filter(e -> MemberHistory.keyOf(e) != null).name("of-a-member").uid(uidPrefix + "of-a-member")
                .keyBy(MemberHistory::keyOf, JobTypes.keys())
                .transform("features-by-member", JobTypes.of(FeaturePart.class), new MemberStage().operator(stages)).uid(uidPrefix + "features-by-member");

        DataStream<FeaturePart> categoryParts = events
                .filter(e -> FeatureRouting.categoryOf(e) != null).name("scored-orders").uid(uidPrefix + "scored-orders")
                .keyBy(FeatureRouting::categoryOf, JobTypes.keys())
                .transform("features-by-category", JobTypes.of(FeaturePart.class), new CategoryStage().operator(stages)).uid(uidPrefix + "features-by-category");

        DataStream<FeaturePart> pickupParts = memberParts.getSideOutput(MemberStage.PICKUPS)
                .keyBy(p -> p.pickupPointId(), JobTypes.keys())
                .transform("features-by-pickup-point", JobTypes.of(FeaturePart.class), new PickupPointStage().operator(stages))
                .uid(uidPrefix + "features-by-pickup-point");

        DataStream<FeaturePart> groupParts = events
                .filter(e -> GroupBuyInput.direct(e) != null).name("group-buy-inputs").uid(uidPrefix + "group-buy-inputs")
                .map(GroupBuyInput::direct, JobTypes.of(GroupBuyInput.class)).name("as-group-buy-input").uid(uidPrefix + "as-group-buy-input")
                .union(memberParts.getSideOutput(MemberStage.GROUP_JOINS))
                .keyBy(GroupBuyInput::groupBuyId, JobTypes.keys())
                .transform("features-by-group-buy", JobTypes.of(FeaturePart.class), new GroupBuyStage().operator(early == null ? null : early.twoPaths())).uid(uidPrefix + "features-by-group-buy");

        SingleOutputStreamOperator<FraudSignal> loops = events
                .filter(FeatureRouting::recruitment).name("recruitments").uid(uidPrefix + "recruitments")
                .keyBy(e -> RecruitmentGraphStage.KEY, JobTypes.keys()) // the one global key: the leader graph, not members or orders
                .transform("recruitment-graph", JobTypes.of(FraudSignal.class), new RecruitmentGraphStage().operator(stages)).uid(uidPrefix + "recruitment-graph");

        DataStream<LeaderInput> leaderEvents = events
                .filter(e -> FeatureRouting.leaderOf(e) != null).name("of-a-leader").uid(uidPrefix + "of-a-leader")
                .map(e -> LeaderInput.of(e, FeatureRouting.leaderOf(e)), JobTypes.of(LeaderInput.class)).name("as-leader-input")
                .uid(uidPrefix + "as-leader-input");
        DataStream<LeaderInput> parts = identifierParts.union(memberParts, categoryParts, pickupParts, groupParts)
                .map(LeaderInput::of, JobTypes.of(LeaderInput.class)).name("parts-to-leader").uid(uidPrefix + "parts-to-leader");
        DataStream<FraudSignal> rows = leaderEvents
                .union(parts, memberParts.getSideOutput(MemberStage.RINGS), loops.getSideOutput(RecruitmentGraphStage.RINGS))
                .keyBy(LeaderInput::leaderId, JobTypes.keys())
                .transform("features-by-leader", JobTypes.of(FraudSignal.class), new LeaderStage().operator(early == null ? null : early.leader())).uid(uidPrefix + "features-by-leader");

        return rows.union(memberParts.getSideOutput(MemberStage.VIOLATIONS), loops);
    }
}
