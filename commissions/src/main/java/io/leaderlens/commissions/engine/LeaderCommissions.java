package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.rates.EffectiveRate;
import io.leaderlens.commissions.rates.LeaderStanding;
import io.leaderlens.commissions.standing.LeaderStandingTracker;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything commissions know about one selling leader, fed in event-time order: the standing behind the
 * rates, the rates last published (the ones orders are paid at), and the ledger. Plain Java: the Flink
 * job keeps one per leader in keyed state; tests drive it directly. Every input first credits what is due
 * and republishes rates that moved as time passed, then applies itself, then republishes what it moved.
 */
public final class LeaderCommissions implements Serializable {
    /** What one input produced: ledger entries and rate changes to publish. */
    public record Output(List<LedgerEntry> entries, List<PublishedRate> rates) {
        public boolean isEmpty() {
            return entries.isEmpty() && rates.isEmpty();
        }
    }

    private final String leaderId;
    private final LeaderStandingTracker standing;
    private final LeaderLedger ledger;
    private final Map<String, PublishedRate> published = new TreeMap<>();
    private Evaluated lastEvaluated;

    /** What the rates were last evaluated on: the same standing under the same card and step gives the same rates. */
    private record Evaluated(LeaderStanding standing, String cardVersion, java.math.BigDecimal step) implements Serializable {}

    public LeaderCommissions(String leaderId, CommissionSettings settings) {
        this.leaderId = requireNonNull(leaderId, "leaderId");
        this.standing = new LeaderStandingTracker(leaderId);
        this.ledger = new LeaderLedger(leaderId, settings.protectionWindow().toMillis());
    }

    public String leaderId() {
        return leaderId;
    }

    /** The rate an order in {@code category} is paid at now (the last published one). */
    public PublishedRate currentRate(String category) {
        return published.get(category);
    }

    public long nextCreditTime() {
        return ledger.nextCreditTime();
    }

    /** Credits due by {@code t} (a timer at a window's end). */
    public Output advanceTo(long t) {
        return new Output(ledger.advanceTo(t), List.of());
    }

    /**
     * Applies one platform event. An order in a category the rate card does not know is refused before
     * anything changes (IllegalArgumentException), so the caller can dead-letter it and go on.
     */
    public Output accept(PlatformEvent event, CommissionSettings settings) {
        long t = event.eventTime();
        var order = event.order();
        if (order != null && order.getType() == io.leaderlens.events.OrderEventType.PAID
                && settings.calculator().card().baseRate(order.getCategory()).isEmpty()) {
            throw new IllegalArgumentException("order " + order.getOrderId() + ": rate card " + settings.calculator().card().version()
                    + " has no base rate for category " + order.getCategory());
        }
        return step(t, settings, () -> apply(event, settings, t));
    }

    private List<LedgerEntry> apply(PlatformEvent event, CommissionSettings settings, long t) {
        List<LedgerEntry> entries = new ArrayList<>();
        var card = settings.calculator().card();
        if (event.order() != null) {
            OrderEvent o = event.order();
            switch (o.getType()) {
                case PAID -> {
                    if (ledger.knowsOrder(o.getOrderId())) {
                        break; // paid once: a repeated PAID (another event id) changes neither the ledger nor the GMV
                    }
                    PublishedRate rate = published.get(o.getCategory()); // published for every card category
                    entries.addAll(ledger.paid(o.getOrderId(), o.getGroupBuyId(), o.getUserId(), o.getCategory(), o.getAmountCents(),
                            rate.rate().rate(), rate.rateId(), card.version(), card.secondTierShare(), t));
                    standing.accept(event);
                }
                case CONFIRMED -> entries.addAll(ledger.confirmed(o.getOrderId(), card.newMemberBonusCents(), card.version(), t));
                case REFUNDED -> {
                    entries.addAll(ledger.refunded(o.getOrderId(), o.getAmountCents(), t));
                    standing.accept(event);
                }
                default -> { }
            }
        } else if (event.groupBuy() != null) {
            GroupBuyEvent g = event.groupBuy();
            standing.accept(event);
            switch (g.getType()) {
                case OPENED -> ledger.groupOpened(g.getGroupBuyId(), g.getOpenedByLeader());
                case FORMED -> entries.addAll(ledger.groupFormed(g.getGroupBuyId(), card.groupOpeningBonusCents(), card.version(), t));
                case FAILED -> entries.addAll(ledger.groupFailed(g.getGroupBuyId(), t));
                default -> { }
            }
        } else if (event.referral() != null) {
            standing.accept(event); // bindings themselves come as decisions of the referral rules (see binding)
        }
        return entries;
    }

    /** A binding the referral rules let stand binds; a refused one (self-referral, loop) never earns. */
    public Output binding(BindingDecision decision, CommissionSettings settings) {
        return step(decision.time(), settings, () -> {
            if (decision.accepted()) {
                switch (decision.kind()) {
                    case UPLINE -> ledger.bindUpline(decision.boundId());
                    case MEMBER -> ledger.bindMember(decision.boundId());
                }
            }
            return List.of();
        });
    }

    public Output alert(FraudAlertNotice alert, CommissionSettings settings) {
        long t = alert.effectiveAt();
        return step(t, settings, () -> {
            standing.alertSeen(t, alert.maxScore());
            if (!alert.holdsCommission() || ledger.hasOpenAlert(alert.alertId())) {
                return List.of();
            }
            standing.holdOpened();
            return ledger.alertOpened(alert.alertId(), alert.action() + " — " + alert.reasons(), t);
        });
    }

    public Output resolve(AlertResolution resolution, CommissionSettings settings) {
        long t = resolution.resolvedAt();
        return step(t, settings, () -> {
            if (!ledger.hasOpenAlert(resolution.alertId())) {
                return List.of();
            }
            standing.holdClosed();
            return ledger.alertResolved(resolution.alertId(), resolution.outcome(), resolution.resolvedBy() + ": " + resolution.reason(), t);
        });
    }

    /** One input at {@code t}: credit what is due, republish rates time has moved, apply it, republish what it moved. */
    private Output step(long t, CommissionSettings settings, java.util.function.Supplier<List<LedgerEntry>> input) {
        List<LedgerEntry> entries = new ArrayList<>(ledger.advanceTo(t));
        List<PublishedRate> rates = new ArrayList<>(refreshRates(t, settings)); // a leader's first input publishes its rates
        entries.addAll(input.get());
        rates.addAll(refreshRates(t, settings));
        return new Output(entries, rates);
    }

    private List<PublishedRate> refreshRates(long t, CommissionSettings settings) {
        Evaluated now = new Evaluated(standing.at(t), settings.calculator().card().version(), settings.rateStep());
        if (now.equals(lastEvaluated)) {
            return List.of(); // nothing a rate depends on moved since the last evaluation
        }
        lastEvaluated = now;
        List<PublishedRate> changed = new ArrayList<>();
        for (String category : settings.calculator().card().baseRates().keySet()) {
            EffectiveRate rate = settings.calculator().rate(now.standing(), category);
            PublishedRate last = published.get(category);
            if (rate.differsFrom(last == null ? null : last.rate(), settings.rateStep())) {
                PublishedRate next = new PublishedRate(rate, t, last == null ? 1 : last.version() + 1);
                published.put(category, next);
                changed.add(next);
            }
        }
        return changed;
    }
}
