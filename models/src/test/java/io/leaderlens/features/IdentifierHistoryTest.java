package io.leaderlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A hot identifier (a carrier NAT address) keeps only the newest accounts and coupon orders, and says when it had more. */
class IdentifierHistoryTest {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final int LIMIT = IdentifierHistory.MAX_ACCOUNTS;

    @Test
    void beyondTheLimitCountsReadOneMoreThanTheLimitWhileADroppedOneWouldStillBeInTheWindow() {
        IdentifierHistory ip = new IdentifierHistory();
        // LIMIT + 5 accounts, one a minute, each paying with a coupon
        for (int i = 0; i < LIMIT + 5; i++) {
            ip.see("u" + i, true, i * MINUTE, DAY);
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
        ip.see("late", false, later, DAY);
        assertThat(ip.accounts(later, DAY)).isEqualTo(199 + 1);     // u6 .. u204 and "late"
        assertThat(ip.couponOrders(later, DAY)).isEqualTo(199);     // u6 .. u204; "late" redeemed none
    }

    @Test
    void anAccountSeenAgainCountsOnceAndOnlyCouponPaymentsCountAsCouponOrders() {
        IdentifierHistory device = new IdentifierHistory();
        device.see("a", false, 0, DAY);
        device.see("a", true, MINUTE, DAY);
        device.see("b", true, 2 * MINUTE, DAY);
        device.see("a", false, 3 * MINUTE, DAY);
        assertThat(device.accounts(3 * MINUTE, DAY)).isEqualTo(2);
        assertThat(device.couponOrders(3 * MINUTE, DAY)).isEqualTo(2);
        assertThat(device.part(IdentifierKind.DEVICE, 3 * MINUTE)).containsExactly(2, 2, 2, 2, 2, 2);
        assertThat(device.expiresAt(DAY)).isEqualTo(3 * MINUTE + DAY);
    }
}
