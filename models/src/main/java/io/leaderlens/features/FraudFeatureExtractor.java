package io.leaderlens.features;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.rules.ReferralRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Computes {@link FraudFeatures} from a whole history at once, for training, offline scoring and evaluation:
 * events must come in {@link io.leaderlens.events.EventTimeOrder} without duplicates. It keeps one history per
 * key in memory — member, device, IP, payment account, category, pickup point, group buy, leader, and the
 * recruitment graph — and routes every event exactly as the streaming job's keyed stages do
 * ({@link FeatureRouting}), so both compute the same features with the same code.
 */
public final class FraudFeatureExtractor {
    private final Map<IdentifierKind, Map<String, IdentifierHistory>> identifiers = new EnumMap<>(IdentifierKind.class);
    private final Map<String, MemberHistory> members = new HashMap<>();
    private final Map<String, CategoryHistory> categories = new HashMap<>();
    private final Map<String, PickupHistory> pickupPoints = new HashMap<>();
    private final Map<String, GroupBuyHistory> groupBuys = new HashMap<>();
    private final Map<String, LeaderHistory> leaders = new HashMap<>();
    private final ReferralRules referralRules = new ReferralRules();

    /** What one event produced: rows to score (possibly none) and a refused binding, if it was one. */
    public record Extracted(List<FeatureRow> rows, Optional<ReferralRules.Violation> violation) {}

    public FraudFeatureExtractor() {
        for (IdentifierKind kind : IdentifierKind.values()) {
            identifiers.put(kind, new HashMap<>());
        }
    }

    /** Updates the histories with one event and returns the rows it makes scorable (possibly none). */
    public List<FeatureRow> accept(PlatformEvent event) {
        return extract(event).rows();
    }

    /** As {@link #accept}, with the referral rules' verdict on the event. */
    public Extracted extract(PlatformEvent event) {
        long t = event.eventTime();
        boolean scored = FeatureRouting.scored(event);
        Map<FeatureSource, FeaturePart> parts = new EnumMap<>(FeatureSource.class);
        Optional<ReferralRules.Violation> violation = Optional.empty();
        List<String> ringLeaders = new ArrayList<>();

        boolean redeemsCoupon = FeatureRouting.redeemsCoupon(event);
        String referredBy = FeatureRouting.referredBy(event);
        for (FeatureRouting.Identifier id : FeatureRouting.identifiers(event)) {
            IdentifierHistory history = identifiers.get(id.kind()).computeIfAbsent(id.id(), k -> new IdentifierHistory());
            history.see(id.account(), referredBy, redeemsCoupon, t, id.kind());
            if (scored) {
                parts.put(id.kind().source(), new FeaturePart(event.leaderId(), event.eventId(), t, id.kind().source(),
                        history.part(id.kind(), id.account(), t)));
            }
        }

        String member = MemberHistory.keyOf(event);
        if (member != null) {
            ReferralEvent r = event.referral();
            if (r != null && r.getType() == ReferralEventType.LEADER_APPROVED) {
                referralRules.leaderAccount(r.getLeaderId(), member, t);
            } else if (r != null && r.getType() == ReferralEventType.SIGNED_UP) {
                violation = referralRules.onSignup(member, r.getLeaderId(), t);
                violation.ifPresent(v -> ringLeaders.add(r.getLeaderId()));
            }
            MemberHistory.Outcome outcome = current(members, member, t, MemberHistory::new).apply(event);
            if (outcome.part() != null) {
                parts.put(FeatureSource.MEMBER, outcome.part());
            }
            if (outcome.pickup() != null) {
                parts.put(FeatureSource.PICKUP_POINT,
                        pickupPoints.computeIfAbsent(outcome.pickup().pickupPointId(), k -> new PickupHistory()).apply(outcome.pickup()));
            }
            if (outcome.groupBuy() != null) {
                groupBuys.computeIfAbsent(outcome.groupBuy().groupBuyId(), k -> new GroupBuyHistory()).apply(outcome.groupBuy());
            }
        }

        GroupBuyInput group = GroupBuyInput.direct(event);
        if (group != null) {
            FeaturePart part = groupBuys.computeIfAbsent(group.groupBuyId(), k -> new GroupBuyHistory()).apply(group);
            if (part != null) {
                parts.put(FeatureSource.GROUP_BUY, part);
            }
        }

        String category = FeatureRouting.categoryOf(event);
        if (category != null) {
            parts.put(FeatureSource.CATEGORY, current(categories, category, t, CategoryHistory::new).apply(event.order()));
        }

        if (FeatureRouting.recruitment(event)) {
            violation = referralRules.onRecruited(event.leaderId(), event.referral().getUplineLeaderId(), t);
            violation.ifPresent(v -> ringLeaders.addAll(v.path()));
        }

        String leader = FeatureRouting.leaderOf(event);
        List<FeatureRow> rows = leader == null ? List.of() : current(leaders, leader, t, LeaderHistory::new).apply(event, parts);
        for (String ringLeader : ringLeaders) {
            current(leaders, ringLeader, t, LeaderHistory::new).markReferralRing(t);
        }
        return new Extracted(rows, violation);
    }

    /** The key's history, started over when it has been idle for its retention. */
    private static <H extends IdleHistory> H current(Map<String, H> histories, String key, long t, Supplier<H> fresh) {
        H history = histories.get(key);
        if (history == null || history.expired(t)) {
            history = fresh.get();
            histories.put(key, history);
        }
        return history;
    }
}
