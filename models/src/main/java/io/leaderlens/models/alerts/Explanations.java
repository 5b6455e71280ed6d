package io.leaderlens.models.alerts;

import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.FraudModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** Turns a score into the few reasons a risk analyst (or a leader) can read. */
public final class Explanations {
    /** How each feature reads in a sentence; %s is its value. */
    private static final Map<String, String> PHRASES = Map.ofEntries(
            Map.entry("amount_yuan", "order amount %s yuan"),
            Map.entry("amount_to_category_mean", "amount %s× the category's usual"),
            Map.entry("account_age_hours", "account %s hours old"),
            Map.entry("device_accounts_1h", "%s accounts on this device in the last hour"),
            Map.entry("device_accounts_1d", "%s accounts on this device in the last day"),
            Map.entry("device_accounts_7d", "%s accounts on this device in the last 7 days"),
            Map.entry("ip_accounts_1d", "%s accounts from this IP in the last day"),
            Map.entry("payment_accounts_1d", "%s accounts paying with this payment account in the last day"),
            Map.entry("payment_accounts_7d", "%s accounts paying with this payment account in the last 7 days"),
            Map.entry("shares_device_with_leader", "buyer on the leader's own device (%s)"),
            Map.entry("shares_ip_with_leader", "buyer on the leader's own IP (%s)"),
            Map.entry("leader_signups_10m", "%s signups under this leader in 10 minutes"),
            Map.entry("member_paid_orders", "%s paid orders by this member"),
            Map.entry("member_paid_orders_1d", "%s paid orders by this member in the last day"),
            Map.entry("member_refunds", "%s refunds by this member"),
            Map.entry("member_refunds_after_pickup", "%s refunds claimed after pickup by this member"),
            Map.entry("member_refund_rate", "refund rate %s"),
            Map.entry("pickup_refund_after_pickup_rate_7d", "pickup point refund-after-pickup rate %s over 7 days"),
            Map.entry("is_refund", "a refund claim (%s)"),
            Map.entry("refund_after_pickup", "refund claimed after pickup (%s)"),
            Map.entry("scan_to_signup_seconds", "%s seconds from poster scan to signup (-1: no scan)"),
            Map.entry("signup_to_first_order_seconds", "%s seconds from signup to first order"),
            Map.entry("group_fresh_joiners", "%s day-old accounts in this group buy"),
            Map.entry("group_fill_seconds", "group buy filled within %s seconds of opening"),
            Map.entry("leader_young_buyer_share_1d", "%s of the leader's orders today from day-old accounts"),
            Map.entry("leader_shared_device_share_1d", "%s of the leader's orders today from shared devices"),
            Map.entry("leader_refund_rate_7d", "leader refund rate %s over 7 days"),
            Map.entry("leader_in_referral_ring", "leader in a refused referral loop (%s)"),
            Map.entry("member_paid_orders_7d", "%s paid orders by this member in the last 7 days"),
            Map.entry("amount_to_member_mean_7d", "amount %s× this member's usual of the last 7 days"),
            Map.entry("amount_to_member_mean_30d", "amount %s× this member's usual of the last 30 days"),
            Map.entry("pickup_settled_claim_rate_1d", "%s of the pickup point's settled orders of a day claimed refund-only"),
            Map.entry("pickup_settled_claim_rate_7d", "%s of the pickup point's settled orders of 7 days claimed refund-only"),
            Map.entry("pickup_settled_claim_rate_30d", "%s of the pickup point's settled orders of 30 days claimed refund-only"),
            Map.entry("refund_hours_after_pickup", "refund-only claim %s hours after pickup"),
            Map.entry("order_subsidy_share", "%s of the order's list price paid by subsidy"),
            Map.entry("device_coupon_orders_1h", "%s coupon orders on this device in the last hour"),
            Map.entry("device_coupon_orders_1d", "%s coupon orders on this device in the last day"),
            Map.entry("device_coupon_orders_7d", "%s coupon orders on this device in the last 7 days"),
            Map.entry("ip_coupon_orders_1d", "%s coupon orders from this IP in the last day"),
            Map.entry("payment_coupon_orders_1d", "%s coupon orders paid with this payment account in the last day"),
            Map.entry("payment_coupon_orders_7d", "%s coupon orders paid with this payment account in the last 7 days"),
            Map.entry("leader_coupon_order_share_1d", "%s of the leader's orders today redeemed a coupon"),
            Map.entry("device_referral_pairs_7d", "%s referral pairs (老带新) with the buyer on this device in 7 days"),
            Map.entry("ip_referral_pairs_1d", "%s referral pairs (老带新) with the buyer on this IP in the last day"),
            Map.entry("ip_coupon_orders_1h", "%s coupon orders from this IP in the last hour"),
            Map.entry("ip_coupon_orders_7d", "%s coupon orders from this IP in the last 7 days"),
            Map.entry("payment_coupon_orders_1h", "%s coupon orders paid with this payment account in the last hour"),
            Map.entry("leader_subsidised_order_share_1d", "%s of the leader's orders today paid mostly by subsidy"),
            Map.entry("leader_young_new_user_coupons_1d", "%s new-user coupons redeemed today by accounts under a day old"));

    static {
        if (!PHRASES.keySet().equals(new java.util.HashSet<>(FraudFeatures.NAMES))) {
            throw new IllegalStateException("every fraud feature needs a phrase, and only those");
        }
    }

    private Explanations() {}

    /** Features whose value always says something; the others say nothing at 0 ("0 accounts", "own IP (0)"). */
    private static final java.util.Set<String> ALWAYS_TELLING = java.util.Set.of("amount_yuan", "amount_to_category_mean", "account_age_hours",
            "amount_to_member_mean_7d", "amount_to_member_mean_30d");
    /** Features where -1 means "not known" and 0 is a real value (seconds, hours). */
    private static final java.util.Set<String> SECONDS_OR_UNKNOWN = java.util.Set.of("scan_to_signup_seconds",
            "signup_to_first_order_seconds", "group_fill_seconds", "refund_hours_after_pickup");

    /**
     * The {@code n} features that pushed this score up the most (only those that pushed it up), leaving out
     * ones whose value is an absence — a model may learn from "no refunds yet", but "refund rate 0" is no
     * reason to give a person. If only absences pushed the score up, they are given rather than nothing.
     */
    public static List<Reason> topReasons(FraudModel model, double[] features, int n) {
        double[] contributions = model.contributions(features);
        List<Integer> up = IntStream.range(0, contributions.length).boxed()
                .filter(i -> contributions[i] > 0)
                .sorted(Comparator.comparingDouble(i -> -contributions[i]))
                .toList();
        List<Integer> telling = up.stream().filter(i -> telling(model.featureNames().get(i), features[i])).toList();
        List<Reason> reasons = new ArrayList<>();
        (telling.isEmpty() ? up : telling).stream().limit(n).forEach(i -> {
            String feature = model.featureNames().get(i);
            reasons.add(new Reason(feature, features[i], contributions[i], String.format(Locale.ROOT, PHRASES.get(feature),
                    format(features[i]))));
        });
        return reasons;
    }

    static boolean telling(String feature, double value) {
        if (ALWAYS_TELLING.contains(feature)) {
            return true;
        }
        return SECONDS_OR_UNKNOWN.contains(feature) ? value >= 0 : value > 0;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
