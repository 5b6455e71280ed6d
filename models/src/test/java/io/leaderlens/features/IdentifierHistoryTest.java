package io.leaderlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A hot identifier (a carrier NAT address) keeps only the newest accounts and coupon orders, and says when it had more;
 * referral pairs are the accounts on it the buyer brought or was brought by.
 */
class IdentifierHistoryTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;
    private static final int LIMIT = IdentifierHistory.MAX_ACCOUNTS;

    @Test
    void beyondTheLimitCountsReadOneMoreThanTheLimitWhileADroppedOneWouldStillBeInTheWindow() {
        IdentifierHistory ip = new IdentifierHistory();
        // LIMIT + 5 accounts, one a minute, each paying with a coupon
        for (int i = 0; i < LIMIT + 5; i++) {
            ip.see("u" + i, null, true, i * MINUTE, IdentifierKind.IP);
        }
        long now = (LIMIT + 4) * MINUTE;
        assertThat(ip.accounts).hasSize(LIMIT);
        assertThat(ip.couponOrders.size()).isEqualTo(LIMIT);
        assertThat(ip.accounts(now, DAY)).isEqualTo(LIMIT + 1);
        assertThat(ip.couponOrders(now, DAY)).isEqualTo(LIMIT + 1);
        // the last hour holds 60 of them: exact, the limit is not reached there
        assertThat(ip.accounts(now, HOUR)).isEqualTo(60);
        assertThat(ip.couponOrders(now, HOUR)).isEqualTo(60);

        // a day after u5, the window no longer reaches the five dropped ones (nor u5): exact counts again
        long later = 5 * MINUTE + DAY;
        ip.see("late", null, false, later, IdentifierKind.IP);
        assertThat(ip.accounts(later, DAY)).isEqualTo(199 + 1);     // u6 .. u204 and "late"
        assertThat(ip.couponOrders(later, DAY)).isEqualTo(199);     // u6 .. u204; "late" redeemed none
    }

    @Test
    void anAccountSeenAgainCountsOnceAndOnlyCouponPaymentsCountAsCouponOrders() {
        IdentifierHistory device = new IdentifierHistory();
        device.see("a", null, false, 0, IdentifierKind.DEVICE);
        device.see("a", null, true, MINUTE, IdentifierKind.DEVICE);
        device.see("b", null, true, 2 * MINUTE, IdentifierKind.DEVICE);
        device.see("a", null, false, 3 * MINUTE, IdentifierKind.DEVICE);
        assertThat(device.accounts(3 * MINUTE, DAY)).isEqualTo(2);
        assertThat(device.couponOrders(3 * MINUTE, DAY)).isEqualTo(2);
        assertThat(device.part(IdentifierKind.DEVICE, "a", 3 * MINUTE)).containsExactly(2, 2, 2, 2, 2, 2, 0);
        assertThat(device.expiresAt(IdentifierKind.DEVICE)).isEqualTo(3 * MINUTE + WEEK);
    }

    @Test
    void referralPairsAreTheAccountsInTheWindowTheBuyerBroughtOrWasBroughtByAsTheirSignupsHereSaid() {
        IdentifierHistory device = new IdentifierHistory();
        device.see("r", null, false, 0, IdentifierKind.DEVICE);                 // the referrer signs up here, brought by nobody
        device.see("a", "r", false, MINUTE, IdentifierKind.DEVICE);             // r brings a and b on this device
        device.see("b", "r", false, 2 * MINUTE, IdentifierKind.DEVICE);
        device.see("x", "someone-else", false, 3 * MINUTE, IdentifierKind.DEVICE);
        device.see("a", null, true, 4 * MINUTE, IdentifierKind.DEVICE);          // a pays later: a sighting without a referrer keeps the one known
        assertThat(device.referralPairs("a", 4 * MINUTE, DAY)).isEqualTo(1);     // r brought a
        assertThat(device.referralPairs("r", 4 * MINUTE, DAY)).isEqualTo(2);     // r brought a and b
        assertThat(device.referralPairs("x", 4 * MINUTE, DAY)).isZero();         // its referrer was never seen here
        assertThat(device.referralPairs("stranger", 4 * MINUTE, DAY)).isZero();
        assertThat(device.part(IdentifierKind.DEVICE, "r", 4 * MINUTE)).containsExactly(4, 4, 4, 1, 1, 1, 2);
        assertThat(new IdentifierHistory().part(IdentifierKind.PAYMENT_ACCOUNT, "r", 0)).as("payments see no signups: no pairs").hasSize(5);

        // over the last hour at 70 minutes only b is left: a's pair (with r, at 0) is gone, r's counts b
        device.see("b", null, false, 70 * MINUTE, IdentifierKind.DEVICE);
        assertThat(device.referralPairs("a", 70 * MINUTE, HOUR)).isZero();
        assertThat(device.referralPairs("r", 70 * MINUTE, HOUR)).isEqualTo(1);   // b, seen again; a (at 4 minutes) has left
        // and once r has left the retention (a week on a device), nothing it took part in is remembered
        device.see("z", null, false, 8 * DAY, IdentifierKind.DEVICE);
        assertThat(device.accounts).containsExactly("z");
        assertThat(device.referrers).containsExactly("");
    }

    @Test
    void stateFromBeforeReferrersWereKeptReadsAsAccountsNobodyBrought() {
        IdentifierHistory restored = new IdentifierHistory();
        restored.accounts.add("a");
        restored.lastSeen.add(0);
        restored.referrers = null; // a POJO field the old state did not have
        assertThat(restored.referralPairs("a", MINUTE, DAY)).isZero();
        restored.see("b", "a", false, MINUTE, IdentifierKind.DEVICE);
        assertThat(restored.referrers).containsExactly("", "a");
        assertThat(restored.referralPairs("a", MINUTE, DAY)).isEqualTo(1);
    }

    @Test
    void anIpRemembersItsAccountsForADayAndItsCouponOrdersForAWeekAndLivesUntilBothAreGone() {
        IdentifierHistory ip = new IdentifierHistory();
        ip.see("a", null, true, 0, IdentifierKind.IP);
        ip.see("b", null, true, 2 * HOUR, IdentifierKind.IP);
        ip.see("c", null, false, 3 * DAY, IdentifierKind.IP);
        // accounts of the last day: c; coupon orders of the last hour, day and week: 0, 0, 2
        assertThat(ip.part(IdentifierKind.IP, "c", 3 * DAY)).containsExactly(1, 0, 0, 2, 0);
        assertThat(ip.accounts).containsExactly("c");
        assertThat(ip.expiresAt(IdentifierKind.IP)).isEqualTo(2 * HOUR + WEEK);
    }
}
