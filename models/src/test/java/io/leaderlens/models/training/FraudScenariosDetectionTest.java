package io.leaderlens.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.features.FeatureRow;
import io.leaderlens.models.smile.GradientBoostedTrees;
import io.leaderlens.simulator.JsonLinesWriter;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.simulator.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trained on one simulated world, tested on another seed it never saw: every injected fraud scenario must
 * be caught (recall ≥ 0.9) at precision ≥ 0.9, measured against the simulator's labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class FraudScenariosDetectionTest {
    @TempDir
    static Path dir;

    /** Twice the share of fraud among a separable world's held-out members: the budget never decides recall here. */
    private static final double SEPARABLE_MAX_ALERT_RATE = 0.10;

    private LabelledHistory unseen;
    private FraudTraining.SubjectModel orders;
    private FraudTraining.SubjectModel members;
    private FraudTraining training;

    @BeforeAll
    void trainOnOneSeed() throws Exception {
        LabelledHistory history = simulate(dir.resolve("train"), 101, 300_000, 12);
        unseen = simulate(dir.resolve("test"), 202, 150_000, 6);
        // the shipped budget but for its alert rate: a separable world's new members are about 5 % fraud, and a 5 % cap
        // on alerts would stop the threshold sweep below 0.9 recall by arithmetic, not by the model (the realistic world's
        // test is where the budget binds and is checked)
        AlertBudget shipped = AlertBudget.from(io.leaderlens.config.LeaderlensConfig.load(java.nio.file.Path.of("../conf/leaderlens.properties"),
                "local", java.util.Map.of()));
        training = new FraudTraining(GradientBoostedTrees.Settings.defaults().withTrees(150),
                new AlertBudget(SEPARABLE_MAX_ALERT_RATE, shipped.reviewCapacityPerDay(), shipped.caughtFraudValueCents(), shipped.reviewCostCents()));
        FraudTraining.Trained trainedOrders = training.train(history, FeatureRow.ORDER, 0.7);
        FraudTraining.Trained trainedMembers = training.train(history, FeatureRow.MEMBER, 0.7);
        for (FraudTraining.Trained t : List.of(trainedOrders, trainedMembers)) {
            AlertThreshold th = t.alertThreshold();
            System.out.printf(Locale.ROOT, "%s held out: %d subjects, %d frauds, %d alerts of a budget of %d at threshold %.3f%n",
                    t.model().subject(), th.subjects(), th.frauds(), th.alerts(), th.maxAlerts(), th.threshold());
        }
        orders = trainedOrders.model();
        members = trainedMembers.model();
    }

    private static LabelledHistory simulate(Path out, long seed, long events, int days) throws Exception {
        try (JsonLinesWriter writer = new JsonLinesWriter(out)) {
            new Simulator(SimulationOptions.defaults(seed, events, days)).run(writer, n -> {});
        }
        return LabelledHistory.read(out);
    }

    @Test
    void everyScenarioIsCaughtOnAnUnseenSeed() {
        for (FraudTraining.SubjectModel model : new FraudTraining.SubjectModel[] {orders, members}) {
            FraudTraining.Evaluation e = FraudTraining.evaluate(unseen, model);
            System.out.printf(Locale.ROOT, "%s: %d subjects, %d frauds, AUC %.4f, AP %.4f, threshold %.3f, precision %.3f, recall %.3f%n",
                    e.subject(), e.subjects(), e.frauds(), e.auc(), e.averagePrecision(), model.threshold(),
                    e.atThreshold().precision(), e.atThreshold().recall());
            for (Map.Entry<String, double[]> s : e.recallByScenario().entrySet()) {
                System.out.printf(Locale.ROOT, "  %-22s recall %.3f (%d of %d)%n", s.getKey(), s.getValue()[0] / s.getValue()[1],
                        (long) s.getValue()[0], (long) s.getValue()[1]);
            }
        }
        FraudTraining.Evaluation o = training.evaluate(unseen, orders);
        FraudTraining.Evaluation m = training.evaluate(unseen, members);
        assertThat(o.atThreshold().precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(m.atThreshold().precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(m.recallByScenario()).containsKeys("fake_member_farm", "refund_abuse", "referral_ring", "coupon_farming");
        assertThat(o.recallByScenario()).containsKeys("leader_self_purchase", "coupon_farming");
        for (var s : o.recallByScenario().entrySet()) {
            assertThat(s.getValue()[0] / s.getValue()[1]).as("order recall of " + s.getKey()).isGreaterThanOrEqualTo(0.9);
        }
        for (var s : m.recallByScenario().entrySet()) {
            assertThat(s.getValue()[0] / s.getValue()[1]).as("member recall of " + s.getKey()).isGreaterThanOrEqualTo(0.9);
        }
    }
}
