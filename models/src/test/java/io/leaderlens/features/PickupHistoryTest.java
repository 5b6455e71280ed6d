package io.leaderlens.features;

import static io.leaderlens.features.FeatureTime.DAY;
import static io.leaderlens.features.FeatureTime.HOUR;
import static io.leaderlens.features.FeatureTime.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PickupHistoryTest {
    private record Payment(long paidAt, long claimedAt) {}

    /**
     * Random payments and refund-only claims over 80 days, each part compared with a recount from the raw list:
     * orders paid in hours that ended at least 7 days before now, within the last 1/7/30 days of such hours, and
     * the share of them claimed by now.
     */
    @Test
    void settledOrdersAndClaimRatesEqualARecountFromThePayments() {
        Random random = new Random(11);
        List<Payment> payments = new ArrayList<>();
        long t = 50 * DAY;
        for (int i = 0; i < 3_000; i++) {
            t += (long) (random.nextDouble() * 2 * 80 * DAY / 3_000);
            boolean claimed = random.nextInt(5) == 0;
            long claimAt = claimed ? t + (long) (random.nextDouble() * 20 * DAY) : Long.MAX_VALUE;
            payments.add(new Payment(t, claimAt));
        }
        record Input(long time, boolean claim, Payment payment) {}
        List<Input> inputs = new ArrayList<>();
        for (Payment p : payments) {
            inputs.add(new Input(p.paidAt(), false, p));
            if (p.claimedAt() != Long.MAX_VALUE) {
                inputs.add(new Input(p.claimedAt(), true, p));
            }
        }
        inputs.sort((a, b) -> Long.compare(a.time(), b.time()));

        PickupHistory history = new PickupHistory();
        int checked = 0;
        for (Input in : inputs) {
            FeaturePart part = history.apply(new PickupInput("pp", "L", "e", in.time(), in.claim(), in.claim(), in.payment().paidAt()));
            long now = in.time();
            long settledBefore = Math.floorDiv(now - 7 * DAY, HOUR) * HOUR; // an hour counts once it ended by now - 7 d
            int[] windowDays = {1, 7, 30};
            for (int w = 0; w < 3; w++) {
                long from = settledBefore - windowDays[w] * DAY;
                long orders = payments.stream().filter(p -> p.paidAt() >= from && p.paidAt() < settledBefore).count();
                long claims = payments.stream().filter(p -> p.paidAt() >= from && p.paidAt() < settledBefore && p.claimedAt() <= now)
                        .count();
                assertThat(part.values()[1 + w]).as("claimed share, window %d d at %d", windowDays[w], now)
                        .isCloseTo(orders == 0 ? 0 : (double) claims / orders, within(1e-12));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(3_000);
    }

    @Test
    void aClaimWhoseOrderIsNoLongerKnownCountsOnlyInTheWeeksClaims() {
        PickupHistory history = new PickupHistory();
        history.apply(new PickupInput("pp", "L", "e1", 10 * DAY, false, false, 10 * DAY));
        FeaturePart claim = history.apply(new PickupInput("pp", "L", "e2", 11 * DAY, true, true, NONE));
        assertThat(claim.values()[0]).isEqualTo(1.0);
        history.apply(new PickupInput("pp", "L", "e3", 10 * DAY + 1, false, false, 10 * DAY + 1));
        history.apply(new PickupInput("pp", "L", "e4", 12 * DAY, true, true, 10 * DAY + 1));
        FeaturePart later = history.apply(new PickupInput("pp", "L", "e5", 18 * DAY, false, false, 18 * DAY));
        assertThat(later.values()[1]).as("two settled orders in the day, one claim attributed (e4's), e2's was not").isEqualTo(0.5);
    }
}
