package io.leaderlens.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fraud features of leaderlens, in vector order. One definition for the scoring job and for training:
 * a model artefact records {@link #HASH}, and a model trained on another feature list is refused.
 */
public final class FraudFeatures {
    public static final List<String> NAMES = List.of(
            "amount_yuan",                 // the order line's amount
            "amount_to_category_mean",     // against the category's running mean amount
            "account_age_hours",           // since the member signed up (8760 when the signup is older than the data)
            "device_accounts_1h",          // distinct accounts seen on this device in the last hour
            "device_accounts_1d",
            "device_accounts_7d",
            "ip_accounts_1d",              // distinct accounts seen from this IP in the last day
            "payment_accounts_1d",         // distinct accounts paying with this payment account in the last day
            "payment_accounts_7d",
            "shares_device_with_leader",   // 1 when the buyer's device is the leader's own (self-purchase)
            "shares_ip_with_leader",
            "leader_signups_10m",          // signups under the same leader in the last 10 minutes (bursts)
            "member_paid_orders",          // the member's paid orders so far, this one included
            "member_paid_orders_1d",       // ... in the last day (brushing places many)
            "member_refunds",              // the member's refunds so far
            "member_refunds_after_pickup", // refunds of orders already picked up (refund-only claims)
            "member_refund_rate",          // refunds / paid orders
            "pickup_refund_after_pickup_rate_7d", // the pickup point's refund-only claims / paid orders, last 7 days
            "is_refund",                   // 1 when the row scores a refund rather than a payment
            "refund_after_pickup",         // 1 when that refund comes after pickup
            "scan_to_signup_seconds",      // from the member's poster scan to signup; -1 when they signed up without a scan
            "signup_to_first_order_seconds", // from signup to the member's first paid order; -1 when the signup is unknown
            "group_fresh_joiners",         // members of the order's group buy who joined within a day of signing up
            "group_fill_seconds",          // from the group's opening to its latest join; -1 outside a group buy
            "leader_young_buyer_share_1d", // the leader's paid orders of the last day from accounts younger than a day
            "leader_shared_device_share_1d", // ... from devices that several accounts used that day
            "leader_refund_rate_7d",       // the leader's refunds / paid orders, last 7 days
            "leader_in_referral_ring",     // 1 when a binding of this leader was refused as a referral loop or self-referral
            "member_paid_orders_7d",       // the member's paid orders in the last 7 days, this one included
            "amount_to_member_mean_7d",    // against the member's mean paid amount of the 7 days before (1 without one)
            "amount_to_member_mean_30d",   // ... of the 30 days before (a stolen account spends unlike its owner)
            // the share of the pickup point's settled orders (paid in hours that ended a refund-protection week ago,
            // so their outcome is known) claimed refund-only, over the last 1 / 7 / 30 days of such hours
            "pickup_settled_claim_rate_1d",
            "pickup_settled_claim_rate_7d",
            "pickup_settled_claim_rate_30d",
            // subsidies (coupon farming, 薅羊毛): what the order's discounts and points took off its list amount
            "order_subsidy_share",
            "refund_hours_after_pickup",   // from pickup to this refund-only claim; -1 for a payment or a refund before pickup
            // paid orders that redeemed a coupon on this device / IP / payment account in the window, this one included
            "device_coupon_orders_1h",
            "device_coupon_orders_1d",
            "device_coupon_orders_7d",
            "ip_coupon_orders_1d",
            "payment_coupon_orders_1d",
            "payment_coupon_orders_7d",
            "leader_coupon_order_share_1d", // the leader's paid orders of the last day that redeemed a coupon
            // 老带新 inside one device / IP: accounts seen on it in the window that the buyer brought or that brought the
            // buyer, as their signups there said (the referral reward paid to the household, or to the farm itself)
            "device_referral_pairs_7d",
            "ip_referral_pairs_1d",
            "ip_coupon_orders_1h",         // coupon orders per window on every identifier: 1 h / 1 d / 7 d on each
            "ip_coupon_orders_7d",
            "payment_coupon_orders_1h",
            "leader_subsidised_order_share_1d", // the leader's paid orders of the last day that subsidies paid more than half of
            "leader_young_new_user_coupons_1d"); // ... that redeemed a new-user coupon from an account under a day old

    public static final String HASH = sha256(String.join(",", NAMES));

    private FraudFeatures() {}

    public static int index(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature " + name);
        }
        return i;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
