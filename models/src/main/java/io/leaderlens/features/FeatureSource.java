package io.leaderlens.features;

import java.util.Arrays;
import java.util.List;

/**
 * Where each fraud feature is computed: the key whose history holds what it counts. A source fills a fixed
 * list of {@link FraudFeatures} slots; when its part of a row is missing (an unknown identifier, an order
 * outside a group buy, or a part that missed the watermark) the row gets the source's defaults, which are
 * what the features say about "nothing known".
 */
public enum FeatureSource {
    MEMBER(List.of("account_age_hours", "member_paid_orders", "member_paid_orders_1d", "member_refunds",
            "member_refunds_after_pickup", "member_refund_rate", "refund_after_pickup", "scan_to_signup_seconds",
            "signup_to_first_order_seconds", "member_paid_orders_7d", "amount_to_member_mean_7d", "amount_to_member_mean_30d",
            "refund_hours_after_pickup"),
            new double[] {MemberHistory.UNKNOWN_AGE_HOURS, 0, 0, 0, 0, 0, 0, -1, -1, 0, 1, 1, -1}),
    /** accounts per window, then coupon-redeeming orders per window, then referral pairs ({@link IdentifierHistory#part}) */
    DEVICE(List.of("device_accounts_1h", "device_accounts_1d", "device_accounts_7d",
            "device_coupon_orders_1h", "device_coupon_orders_1d", "device_coupon_orders_7d", "device_referral_pairs_7d"),
            new double[] {0, 0, 0, 0, 0, 0, 0}),
    IP(List.of("ip_accounts_1d", "ip_coupon_orders_1h", "ip_coupon_orders_1d", "ip_coupon_orders_7d", "ip_referral_pairs_1d"),
            new double[] {0, 0, 0, 0, 0}),
    PAYMENT_ACCOUNT(List.of("payment_accounts_1d", "payment_accounts_7d", "payment_coupon_orders_1h", "payment_coupon_orders_1d",
            "payment_coupon_orders_7d"), new double[] {0, 0, 0, 0, 0}),
    /** the order's amount against its category's running mean; without history the mean is the amount itself */
    CATEGORY(List.of("amount_to_category_mean"), null),
    PICKUP_POINT(List.of("pickup_refund_after_pickup_rate_7d", "pickup_settled_claim_rate_1d", "pickup_settled_claim_rate_7d",
            "pickup_settled_claim_rate_30d"), new double[] {0, 0, 0, 0}),
    GROUP_BUY(List.of("group_fresh_joiners", "group_fill_seconds"), new double[] {0, -1}),
    LEADER(List.of("shares_device_with_leader", "shares_ip_with_leader", "leader_signups_10m", "leader_young_buyer_share_1d",
            "leader_shared_device_share_1d", "leader_refund_rate_7d", "leader_in_referral_ring", "leader_coupon_order_share_1d",
            "leader_subsidised_order_share_1d", "leader_young_new_user_coupons_1d"),
            new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    private final int[] slots;
    private final double[] defaults;

    FeatureSource(List<String> features, double[] defaults) {
        this.slots = features.stream().mapToInt(FraudFeatures::index).toArray();
        this.defaults = defaults;
    }

    /** How many values a part of this source carries. */
    public int width() {
        return slots.length;
    }

    /** Writes a part's values (or, for {@code null}, the defaults) into a full feature vector. */
    void fill(double[] vector, double[] values, long amountCents) {
        double[] source = values != null ? values : defaultsFor(amountCents);
        for (int i = 0; i < slots.length; i++) {
            vector[slots[i]] = source[i];
        }
    }

    private double[] defaultsFor(long amountCents) {
        if (this == CATEGORY) {
            return new double[] {CategoryHistory.ratio(amountCents, amountCents)};
        }
        return Arrays.copyOf(defaults, defaults.length);
    }
}
