package io.leaderlens.commissions.engine;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.commissions.ledger.LedgerEntry;
import io.leaderlens.commissions.ledger.LedgerSummary;
import io.leaderlens.commissions.rates.EffectiveRate;
import io.leaderlens.commissions.rates.LeaderStanding;
import io.leaderlens.commissions.standing.LeaderStandingTracker;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Everything commissions know about one selling leader, fed in event-time order: the standing behind the
 * rates, the rates last published (the ones orders are paid at), and the ledger. Plain Java over a
 * {@link CommissionStore}: the Flink job keeps each piece in its own keyed state, tests use memory. Every
 * input first credits what is due and republishes rates that moved as time passed, then applies itself, then
 * republishes what it moved.
 */
public final class LeaderCommissions {
    /** What one input produced: ledger entries and rate changes to publish. */
    public record Output(List<LedgerEntry> entries, List<PublishedRate> rates) {
        public boolean isEmpty() {
            return entries.isEmpty() && rates.isEmpty();
        }
    }

    private final String leaderId;
    private final CommissionStore store;
    private final LeaderLedger ledger;

    /** A leader's commissions in memory. */
    public LeaderCommissions(String leaderId, CommissionSettings settings) {
        this(leaderId, settings, new InMemoryCommissionStore());
    }

    public LeaderCommissions(String leaderId, CommissionSettings settings, CommissionStore store) {
        this.leaderId = requireNonNull(leaderId, "leaderId");
        this.store = requireNonNull(store, "store");
        this.ledger = new LeaderLedger(leaderId, settings.protectionWindow().toMillis(), store);
    }

    public String leaderId() {
        return leaderId;
    }

    /** The rate an order in {@code category} is paid at now (the last published one). */
    public PublishedRate currentRate(String category) {
        return store.rates().published.get(category);
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
        if (order != null && order.getType() == OrderEventType.PAID
                && settings.calculator().card().baseRate(order.getCategory()).isEmpty()) {
            throw new IllegalArgumentException("order " + order.getOrderId() + ": rate card " + settings.calculator().card().version()
                    + " has no base rate for category " + order.getCategory());
        }
        return step(t, settings, standing -> apply(event, settings, t, standing));
    }

    private List<LedgerEntry> apply(PlatformEvent event, CommissionSettings settings, long t, LeaderStandingTracker standing) {
        List<LedgerEntry> entries = new ArrayList<>();
        var card = settings.calculator().card();
        if (event.order() != null) {
            OrderEvent o = event.order();
            switch (o.getType()) {
                case PAID -> {
                    if (ledger.knowsOrder(o.getOrderId())) {
                        break; // paid once: a repeated PAID (another event id) changes neither the ledger nor the GMV
                    }
                    PublishedRate rate = currentRate(o.getCategory()); // published for every card category
                    entries.addAll(ledger.paid(o.getOrderId(), o.getGroupBuyId(), o.getUserId(), o.getCategory(), o.getAmountCents(),
                            card.commissionBase().of(o),
                            rate.rate().rate(), rate.rateId(), card.version(), card.secondTierShare(), t));
                    standing.accept(event);
                }
                // every step of an order repeats its discounts: the pickup says whether it was a subsidised first order
                case CONFIRMED -> entries.addAll(ledger.confirmed(o.getOrderId(), card.earnsNewMemberBonus(o) ? card.newMemberBonusCents() : 0,
                        card.version(), t));
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
                case OPENED -> ledger.groupOpened(g.getGroupBuyId(), g.getOpenedByLeader(), t);
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
        return step(decision.time(), settings, standing -> {
            if (decision.accepted()) {
                switch (decision.kind()) {
                    case UPLINE -> ledger.bindUpline(decision.boundId());
                    case MEMBER -> ledger.bindMember(decision.boundId(), decision.time());
                }
            }
            return List.of();
        });
    }

    public Output alert(FraudAlertNotice alert, CommissionSettings settings) {
        long t = alert.effectiveAt();
        return step(t, settings, standing -> {
            if (alert.raisesScore()) {
                standing.alertSeen(t, alert.maxScore());
            }
            // a hold begins once per alert; after the review's verdict, later records of the alert hold nothing again
            if (!alert.beginsHold() || ledger.hasOpenAlert(alert.alertId())) {
                return List.of();
            }
            standing.holdOpened();
            return ledger.alertOpened(alert.alertId(), alert.action() + " — " + alert.reasons(), t);
        });
    }

    public Output resolve(AlertResolution resolution, CommissionSettings settings) {
        long t = resolution.resolvedAt();
        return step(t, settings, standing -> {
            if (!ledger.hasOpenAlert(resolution.alertId())) {
                return List.of();
            }
            standing.holdClosed();
            return ledger.alertResolved(resolution.alertId(), resolution.outcome(), resolution.resolvedBy() + ": " + resolution.reason(), t);
        });
    }

    /** When the leader was last active (leader-scale state is dropped after long idleness). */
    public long lastActivity() {
        return store.summary().lastActivity;
    }

    /** One input at {@code t}: credit what is due, republish rates time has moved, apply it, republish what it moved. */
    private Output step(long t, CommissionSettings settings, Function<LeaderStandingTracker, List<LedgerEntry>> input) {
        LeaderStandingTracker standing = new LeaderStandingTracker(leaderId, store.standing());
        RateBook book = store.rates();
        List<LedgerEntry> entries = new ArrayList<>(ledger.advanceTo(t));
        List<PublishedRate> rates = new ArrayList<>(refreshRates(t, settings, standing, book)); // a first input publishes its rates
        store.putRates(book);
        entries.addAll(input.apply(standing));
        rates.addAll(refreshRates(t, settings, standing, book));
        store.putStanding(standing.state());
        store.putRates(book);
        LedgerSummary summary = store.summary();
        summary.lastActivity = Math.max(summary.lastActivity, t);
        store.putSummary(summary);
        return new Output(entries, rates);
    }

    private List<PublishedRate> refreshRates(long t, CommissionSettings settings, LeaderStandingTracker standing, RateBook book) {
        LeaderStanding now = standing.at(t);
        String cardVersion = settings.calculator().card().version();
        if (book.evaluatedOn(now, cardVersion, settings.rateStep())) {
            return List.of(); // nothing a rate depends on moved since the last evaluation
        }
        book.evaluatedStanding = now;
        book.evaluatedCardVersion = cardVersion;
        book.evaluatedStep = settings.rateStep();
        List<PublishedRate> changed = new ArrayList<>();
        for (String category : settings.calculator().card().baseRates().keySet()) {
            PublishedRate last = book.published.get(category);
            if (settings.calculator().rateWithoutWords(now, category).differsFrom(last == null ? null : last.rate(), settings.rateStep())) {
                EffectiveRate rate = settings.calculator().rate(now, category); // the same rate, with its words for the leader
                PublishedRate next = new PublishedRate(rate, t, last == null ? 1 : last.version() + 1);
                book.published.put(category, next);
                changed.add(next);
            }
        }
        return changed;
    }
}
