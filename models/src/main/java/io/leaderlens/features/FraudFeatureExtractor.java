package io.leaderlens.features;

import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.rules.ReferralRules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes {@link FraudFeatures} from platform events in event-time order: the state it keeps is what the
 * platform knows at each moment (who signed up when, which accounts share a device, IP or payment account,
 * the leader's own device, refunds so far). Offline training replays history through it; the scoring job
 * feeds it the live stream. Duplicated events must be removed before. The referral rules run here too, so
 * a refused binding both raises its own alert and marks the leader for the model.
 */
public final class FraudFeatureExtractor implements java.io.Serializable {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final double UNKNOWN_AGE_HOURS = 8_760;

    private final Map<String, Long> signupTime = new HashMap<>();
    private final SharedIdentifiers devices = new SharedIdentifiers(7 * DAY);
    private final SharedIdentifiers ips = new SharedIdentifiers(DAY);
    private final SharedIdentifiers paymentAccounts = new SharedIdentifiers(7 * DAY);
    private final Map<String, String> leaderDevice = new HashMap<>();
    private final Map<String, String> leaderIp = new HashMap<>();
    private final Map<String, ArrayDeque<Long>> leaderSignups = new HashMap<>();
    private final Map<String, long[]> memberCounts = new HashMap<>(); // paid, refunds, refunds after pickup
    private final Map<String, ArrayDeque<Long>> memberPayments = new HashMap<>();
    private final Set<String> pickedUpOrders = new HashSet<>();
    private final Map<String, long[]> categoryAmounts = new HashMap<>(); // count, sum
    private final Map<String, ArrayDeque<long[]>> pickupActivity = new HashMap<>(); // {time, paid 1 | refund-only 2}
    private final Map<String, Long> scanTime = new HashMap<>();
    private final Map<String, Long> firstPaidTime = new HashMap<>();
    private final Map<String, GroupBuy> groups = new HashMap<>();
    private final ArrayDeque<GroupBuy> closedGroups = new ArrayDeque<>();
    private final Map<String, WindowCounts> leaderBuyersDay = new HashMap<>(); // {young buyer, shared device} per paid order
    private final Map<String, WindowCounts> leaderRefundsWeek = new HashMap<>(); // {paid, refunded}
    private final ReferralRules referralRules = new ReferralRules();
    private final Set<String> ringLeaders = new HashSet<>();

    /** What one event produced: rows to score (possibly none) and a refused binding, if it was one. */
    public record Extracted(List<FeatureRow> rows, Optional<ReferralRules.Violation> violation) {
        static final Extracted NOTHING = new Extracted(List.of(), Optional.empty());
    }

    /** Updates the state with one event and returns the rows it makes scorable (possibly none). */
    public List<FeatureRow> accept(PlatformEvent event) {
        return extract(event).rows();
    }

    /** As {@link #accept}, with the referral rules' verdict on the event. */
    public Extracted extract(PlatformEvent event) {
        if (event.referral() != null) {
            return new Extracted(List.of(), acceptReferral(event.referral()));
        }
        if (event.groupBuy() != null) {
            acceptGroupBuy(event.groupBuy());
            return Extracted.NOTHING;
        }
        if (event.order() == null) {
            return Extracted.NOTHING;
        }
        OrderEvent order = event.order();
        long t = order.getEventTime();
        String user = order.getUserId();
        devices.see(order.getDeviceId(), user, t);
        ips.see(order.getIp(), user, t);
        paymentAccounts.see(order.getPaymentAccount(), user, t);
        long[] counts = memberCounts.computeIfAbsent(user, u -> new long[3]);
        List<FeatureRow> rows = new ArrayList<>(2);
        switch (order.getType()) {
            case PAID -> {
                counts[0]++;
                ArrayDeque<Long> payments = memberPayments.computeIfAbsent(user, u -> new ArrayDeque<>());
                payments.addLast(t);
                while (!payments.isEmpty() && payments.peekFirst() <= t - DAY) {
                    payments.removeFirst();
                }
                pickup(order.getPickupPointId(), t, 1);
                firstPaidTime.putIfAbsent(user, t);
                Long signedUp = signupTime.get(user);
                boolean young = signedUp != null && t - signedUp < DAY;
                boolean sharedDevice = devices.accounts(order.getDeviceId(), t, DAY) >= 2;
                leaderBuyersDay.computeIfAbsent(order.getLeaderId(), l -> new WindowCounts(DAY)).add(t, young ? 1 : 0, sharedDevice ? 1 : 0);
                leaderRefundsWeek.computeIfAbsent(order.getLeaderId(), l -> new WindowCounts(7 * DAY)).add(t, 1, 0);
                double[] values = values(order, counts, false, false);
                rows.add(new FeatureRow(FeatureRow.ORDER, order.getOrderId(), order.getEventId(), order.getLeaderId(), user, t, values));
                if (counts[0] == 1) {
                    rows.add(new FeatureRow(FeatureRow.MEMBER, user, order.getEventId(), order.getLeaderId(), user, t, values));
                }
                long[] category = categoryAmounts.computeIfAbsent(order.getCategory(), c -> new long[2]);
                category[0]++;
                category[1] += order.getAmountCents();
            }
            case CONFIRMED -> pickedUpOrders.add(order.getOrderId());
            case REFUNDED -> {
                boolean afterPickup = pickedUpOrders.contains(order.getOrderId());
                counts[1]++;
                leaderRefundsWeek.computeIfAbsent(order.getLeaderId(), l -> new WindowCounts(7 * DAY)).add(t, 0, 1);
                if (afterPickup) {
                    counts[2]++;
                    pickup(order.getPickupPointId(), t, 2);
                }
                rows.add(new FeatureRow(FeatureRow.MEMBER, user, order.getEventId(), order.getLeaderId(), user, t,
                        values(order, counts, true, afterPickup)));
            }
            default -> { }
        }
        return new Extracted(rows, Optional.empty());
    }

    private double[] values(OrderEvent order, long[] counts, boolean refund, boolean afterPickup) {
        long t = order.getEventTime();
        String user = order.getUserId();
        long[] category = categoryAmounts.get(order.getCategory());
        double categoryMean = category == null || category[0] == 0 ? order.getAmountCents() : (double) category[1] / category[0];
        Long signedUp = signupTime.get(user);
        String leader = order.getLeaderId();
        double[] v = new double[FraudFeatures.NAMES.size()];
        int i = 0;
        v[i++] = order.getAmountCents() / 100.0;
        v[i++] = order.getAmountCents() / Math.max(1.0, categoryMean);
        v[i++] = signedUp == null ? UNKNOWN_AGE_HOURS : Math.min(UNKNOWN_AGE_HOURS, (t - signedUp) / (double) HOUR);
        v[i++] = devices.accounts(order.getDeviceId(), t, HOUR);
        v[i++] = devices.accounts(order.getDeviceId(), t, DAY);
        v[i++] = devices.accounts(order.getDeviceId(), t, 7 * DAY);
        v[i++] = ips.accounts(order.getIp(), t, DAY);
        v[i++] = paymentAccounts.accounts(order.getPaymentAccount(), t, DAY);
        v[i++] = paymentAccounts.accounts(order.getPaymentAccount(), t, 7 * DAY);
        v[i++] = order.getDeviceId().equals(leaderDevice.get(leader)) ? 1 : 0;
        v[i++] = order.getIp().equals(leaderIp.get(leader)) ? 1 : 0;
        v[i++] = recent(leaderSignups.get(leader), t, 10 * MINUTE);
        v[i++] = counts[0];
        v[i++] = recent(memberPayments.get(user), t, DAY);
        v[i++] = counts[1];
        v[i++] = counts[2];
        v[i++] = counts[0] == 0 ? 0 : (double) counts[1] / counts[0];
        v[i++] = pickupRefundOnlyRate(order.getPickupPointId(), t);
        v[i++] = refund ? 1 : 0;
        v[i++] = afterPickup ? 1 : 0;
        Long scanned = scanTime.get(user);
        v[i++] = scanned == null || signedUp == null ? -1 : Math.max(0, (signedUp - scanned) / 1000.0);
        Long firstPaid = firstPaidTime.get(user);
        v[i++] = signedUp == null || firstPaid == null ? -1 : Math.max(0, (firstPaid - signedUp) / 1000.0);
        GroupBuy group = order.getGroupBuyId() == null ? null : groups.get(order.getGroupBuyId());
        v[i++] = group == null ? 0 : group.freshJoiners;
        v[i++] = group == null ? -1 : ((group.joiners == 0 ? t : group.lastJoinAt) - group.openedAt) / 1000.0;
        WindowCounts buyers = leaderBuyersDay.get(leader);
        v[i++] = buyers == null ? 0 : buyers.share(t, 0);
        v[i++] = buyers == null ? 0 : buyers.share(t, 1);
        WindowCounts refunds = leaderRefundsWeek.get(leader);
        v[i++] = refunds == null ? 0 : refunds.ratio(t);
        v[i++] = ringLeaders.contains(leader) ? 1 : 0;
        return v;
    }

    private Optional<ReferralRules.Violation> acceptReferral(ReferralEvent referral) {
        long t = referral.getEventTime();
        Optional<ReferralRules.Violation> violation = Optional.empty();
        switch (referral.getType()) {
            case POSTER_SHARED -> {
                if (referral.getDeviceId() != null) {
                    leaderDevice.put(referral.getLeaderId(), referral.getDeviceId());
                }
                if (referral.getIp() != null) {
                    leaderIp.put(referral.getLeaderId(), referral.getIp());
                }
            }
            case SCANNED -> {
                if (referral.getUserId() != null) {
                    scanTime.putIfAbsent(referral.getUserId(), t);
                }
            }
            case SIGNED_UP -> {
                if (referral.getUserId() != null) {
                    signupTime.putIfAbsent(referral.getUserId(), t);
                    ArrayDeque<Long> signups = leaderSignups.computeIfAbsent(referral.getLeaderId(), l -> new ArrayDeque<>());
                    signups.addLast(t);
                    while (!signups.isEmpty() && signups.peekFirst() < t - HOUR) {
                        signups.removeFirst();
                    }
                    if (referral.getDeviceId() != null) {
                        devices.see(referral.getDeviceId(), referral.getUserId(), t);
                    }
                    if (referral.getIp() != null) {
                        ips.see(referral.getIp(), referral.getUserId(), t);
                    }
                }
                violation = referralRules.onSignup(referral.getUserId(), referral.getLeaderId());
                violation.ifPresent(v -> ringLeaders.add(referral.getLeaderId()));
            }
            case LEADER_APPROVED -> referralRules.leaderAccount(referral.getLeaderId(), referral.getUserId());
            case RECRUITED -> {
                if (referral.getUplineLeaderId() != null) {
                    violation = referralRules.onRecruited(referral.getLeaderId(), referral.getUplineLeaderId());
                    violation.ifPresent(v -> ringLeaders.addAll(v.path()));
                }
            }
            default -> { }
        }
        return violation;
    }

    private void acceptGroupBuy(GroupBuyEvent event) {
        long t = event.getEventTime();
        while (!closedGroups.isEmpty() && closedGroups.peekFirst().closedAt <= t - DAY) {
            groups.remove(closedGroups.removeFirst().id);
        }
        GroupBuyEventType type = event.getType();
        if (type == GroupBuyEventType.OPENED) {
            groups.putIfAbsent(event.getGroupBuyId(), new GroupBuy(event.getGroupBuyId(), t));
            return;
        }
        GroupBuy group = groups.get(event.getGroupBuyId());
        if (group == null) {
            return; // opened before the data began
        }
        if (type == GroupBuyEventType.JOINED && event.getUserId() != null) {
            Long signedUp = signupTime.get(event.getUserId());
            group.joiners++;
            group.lastJoinAt = t;
            if (signedUp != null && t - signedUp < DAY) {
                group.freshJoiners++;
            }
        } else if ((type == GroupBuyEventType.FORMED || type == GroupBuyEventType.FAILED) && group.closedAt == Long.MAX_VALUE) {
            // refunds of its orders still look it up for a day
            group.closedAt = t;
            closedGroups.addLast(group);
        }
    }

    private void pickup(String pickupPoint, long t, long kind) {
        ArrayDeque<long[]> activity = pickupActivity.computeIfAbsent(pickupPoint, p -> new ArrayDeque<>());
        activity.addLast(new long[] {t, kind});
        while (!activity.isEmpty() && activity.peekFirst()[0] <= t - 7 * DAY) {
            activity.removeFirst();
        }
    }

    private double pickupRefundOnlyRate(String pickupPoint, long t) {
        ArrayDeque<long[]> activity = pickupActivity.get(pickupPoint);
        if (activity == null) {
            return 0;
        }
        long paid = 0;
        long refundOnly = 0;
        for (long[] a : activity) {
            if (a[0] > t - 7 * DAY && a[0] <= t) {
                if (a[1] == 1) {
                    paid++;
                } else {
                    refundOnly++;
                }
            }
        }
        return paid == 0 ? 0 : (double) refundOnly / paid;
    }

    private static long recent(ArrayDeque<Long> times, long t, long window) {
        if (times == null) {
            return 0;
        }
        long n = 0;
        for (Iterator<Long> it = times.descendingIterator(); it.hasNext(); ) {
            long s = it.next();
            if (s <= t - window) {
                break;
            }
            if (s <= t) {
                n++;
            }
        }
        return n;
    }

    /** A group buy as the features see it: when it opened, who joined and how fresh they were. */
    private static final class GroupBuy implements java.io.Serializable {
        final String id;
        final long openedAt;
        long lastJoinAt;
        long closedAt = Long.MAX_VALUE;
        int joiners;
        int freshJoiners;

        GroupBuy(String id, long openedAt) {
            this.id = id;
            this.openedAt = openedAt;
        }
    }

    /** Two counts over a sliding event-time window, kept incrementally (events arrive in time order). */
    private static final class WindowCounts implements java.io.Serializable {
        private final long window;
        private final ArrayDeque<long[]> entries = new ArrayDeque<>(); // {time, a, b}
        private long a;
        private long b;

        WindowCounts(long window) {
            this.window = window;
        }

        void add(long t, long da, long db) {
            entries.addLast(new long[] {t, da, db});
            a += da;
            b += db;
            evict(t);
        }

        private void evict(long t) {
            while (!entries.isEmpty() && entries.peekFirst()[0] <= t - window) {
                long[] old = entries.removeFirst();
                a -= old[1];
                b -= old[2];
            }
        }

        /** Entries in the window with count {@code which} set, over all entries in the window. */
        double share(long t, int which) {
            evict(t);
            return entries.isEmpty() ? 0 : (double) (which == 0 ? a : b) / entries.size();
        }

        /** b / a: refunds per paid order. */
        double ratio(long t) {
            evict(t);
            return a == 0 ? 0 : (double) b / a;
        }
    }

    /** Which accounts were seen on an identifier (device, IP, payment account), and when last. */
    private static final class SharedIdentifiers implements java.io.Serializable {
        private final long retention;
        private final Map<String, LinkedHashMap<String, Long>> accountsById = new HashMap<>();

        SharedIdentifiers(long retention) {
            this.retention = retention;
        }

        void see(String id, String account, long t) {
            if (id == null || id.equals("unknown")) {
                return;
            }
            LinkedHashMap<String, Long> accounts = accountsById.computeIfAbsent(id, i -> new LinkedHashMap<>());
            accounts.remove(account); // re-insert: most recent last
            accounts.put(account, t);
            for (Iterator<Long> it = accounts.values().iterator(); it.hasNext(); ) {
                if (it.next() > t - retention) {
                    break;
                }
                it.remove();
            }
        }

        long accounts(String id, long t, long window) {
            LinkedHashMap<String, Long> accounts = accountsById.get(id);
            if (accounts == null) {
                return 0;
            }
            return accounts.values().stream().filter(seen -> seen > t - window && seen <= t).count();
        }
    }
}
