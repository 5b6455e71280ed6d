package io.leaderlens.models.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.TestModels;
import io.leaderlens.models.smile.GradientBoostedTrees;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsTest {
    @Test
    void anAbsenceIsNoReasonToGiveAPerson() {
        assertThat(Explanations.telling("shares_ip_with_leader", 0)).isFalse();
        assertThat(Explanations.telling("shares_ip_with_leader", 1)).isTrue();
        assertThat(Explanations.telling("leader_refund_rate_7d", 0)).isFalse();
        assertThat(Explanations.telling("group_fill_seconds", -1)).as("not in a group buy").isFalse();
        assertThat(Explanations.telling("group_fill_seconds", 0)).as("filled at once").isTrue();
        assertThat(Explanations.telling("account_age_hours", 0)).as("a brand-new account").isTrue();
    }

    @Test
    void theFeatureThatDrivesTheScoreIsTheFirstReasonInWords() {
        GradientBoostedTrees model = TestModels.deviceRule(); // fraud when feature 3 (device_accounts_1h) > 0.7
        double[] row = new double[FraudFeatures.NAMES.size()];
        java.util.Arrays.fill(row, 0.5);
        row[3] = 0.95;
        List<Reason> reasons = Explanations.topReasons(model, row, 3);
        assertThat(reasons).isNotEmpty();
        assertThat(reasons.get(0).feature()).isEqualTo("device_accounts_1h");
        assertThat(reasons.get(0).words()).isEqualTo("0.95 accounts on this device in the last hour");
        assertThat(reasons).allSatisfy(r -> assertThat(r.contribution()).isPositive());
    }

    @Test
    void aHundredBadOrdersOfOneLeaderAreOneAlertWithACount() {
        AlertGroup group = new AlertGroup();
        for (int i = 0; i < 100; i++) {
            group.add("L1", "order:o" + i, 0.5 + i / 1000.0, "order-v3",
                    List.of((10 + i % 3) + " accounts on this device in the last day", "account 1 hours old"), false, "e" + i, 0);
        }
        group.add("L1", "order:x", 0.99, "order-v3", List.of("refund rate 0.90"), false, "ex", 0);
        assertThat(group.count).isEqualTo(101);
        assertThat(group.maxScore).isEqualTo(0.99);
        assertThat(group.subjects).hasSize(101);
        assertThat(group.topReasons()).containsExactly(
                "12 accounts on this device in the last day (100 of 101)", "account 1 hours old (100 of 101)",
                "refund rate 0.90 (1 of 101)");
        assertThat(group.action()).isEqualTo(RecommendedAction.HOLD_COMMISSION);
    }

    @Test
    void aRuleThatBlocksIsTheFirstReasonHoweverManyModelFlagsJoinIt() {
        AlertGroup group = new AlertGroup();
        for (int i = 0; i < 3; i++) {
            group.add("L1", "member:u" + i, 0.99, "member-v1", List.of("4 accounts on this device in the last day",
                    "4 accounts on this device in the last 7 days", "1 of the leader's orders today from shared devices"), false, "e" + i, 0);
        }
        group.add("L1", "leader:L1", 1.0, "rule:REFERRAL_LOOP", List.of("binding L1 under L2 would close a referral loop: L1 → L2 → L1"),
                true, "r1", 0);
        assertThat(group.topReasons()).hasSize(3).first().asString().startsWith("binding L1 under L2 would close a referral loop")
                .endsWith("(1 of 4)");
        assertThat(group.action()).isEqualTo(RecommendedAction.BLOCK);
    }

    @Test
    void theSubsidyAtRiskCountsEachFlaggedPaymentOnceThoughItsOrderAndItsBuyerAreBothFlagged() {
        AlertGroup group = new AlertGroup();
        group.add("L1", "order:o1", 0.9, "order-v3", List.of(), false, "e1", 500);   // a farm account's new-user coupon
        group.add("L1", "member:u1", 0.9, "member-v3", List.of(), false, "e1", 500); // the same payment, scored as its buyer
        group.add("L1", "order:o2", 0.8, "order-v3", List.of(), false, "e2", 300);   // a referral reward
        group.add("L1", "member:u3", 0.7, "member-v3", List.of(), false, "e3", 0);   // a refund claim: no subsidy
        assertThat(group.count).isEqualTo(4);
        assertThat(group.subsidyAtRiskCents).isEqualTo(500 + 300);
    }

    @Test
    void actionsFollowTheRule() {
        assertThat(RecommendedAction.of(0.6, 1, false)).isEqualTo(RecommendedAction.REVIEW);
        assertThat(RecommendedAction.of(0.95, 1, false)).isEqualTo(RecommendedAction.HOLD_COMMISSION);
        assertThat(RecommendedAction.of(0.6, 3, false)).isEqualTo(RecommendedAction.HOLD_COMMISSION);
        assertThat(RecommendedAction.of(0.1, 1, true)).isEqualTo(RecommendedAction.BLOCK);
    }
}
