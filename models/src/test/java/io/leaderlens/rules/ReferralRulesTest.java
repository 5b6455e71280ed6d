package io.leaderlens.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.simulator.FraudLabel;
import io.leaderlens.simulator.RecordingWriter;
import io.leaderlens.simulator.SimulationOptions;
import io.leaderlens.simulator.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ReferralRulesTest {
    @Test
    void refusesTheBindingThatClosesALoopAndNamesThePath() {
        ReferralRules rules = new ReferralRules();
        assertThat(rules.onRecruited("B", "A", 0)).isEmpty();
        assertThat(rules.onRecruited("C", "B", 0)).isEmpty();
        var loop = rules.onRecruited("A", "C", 0);
        assertThat(loop).isPresent();
        assertThat(loop.get().rule()).isEqualTo(ReferralRules.REFERRAL_LOOP);
        assertThat(loop.get().path()).containsExactly("A", "C", "B", "A");
        assertThat(rules.onRecruited("D", "C", 0)).as("a refused binding is not remembered").isEmpty();
    }

    @Test
    void refusesSelfReferral() {
        ReferralRules rules = new ReferralRules();
        assertThat(rules.onRecruited("A", "A", 0).orElseThrow().rule()).isEqualTo(ReferralRules.SELF_REFERRAL);
        rules.leaderAccount("L1", "u-leader", 0);
        assertThat(rules.onSignup("u-leader", "L1", 1).orElseThrow().rule()).isEqualTo(ReferralRules.SELF_REFERRAL);
        assertThat(rules.onSignup("u-other", "L1", 1)).isEmpty();
    }

    @Test
    void catchesEverySimulatedReferralRingAndNothingElse() throws Exception {
        RecordingWriter run = new RecordingWriter();
        new Simulator(SimulationOptions.defaults(9, 120_000, 5)).run(run, n -> {});
        List<SpecificRecord> events = run.events();
        List<FraudLabel> labels = run.labels();
        Set<String> ringLeaders = labels.stream().filter(l -> l.scenario().equals("referral_ring") && l.subject().equals("leader"))
                .map(FraudLabel::id).collect(Collectors.toSet());
        ReferralRules rules = new ReferralRules();
        List<ReferralRules.Violation> violations = new ArrayList<>();
        events.stream().map(PlatformEvent::of).filter(e -> e.referral() != null)
                .filter(e -> e.referral().getType() == ReferralEventType.RECRUITED)
                .sorted(java.util.Comparator.comparingLong(PlatformEvent::eventTime))
                .forEach(e -> rules.onRecruited(e.leaderId(), e.referral().getUplineLeaderId(), e.eventTime()).ifPresent(violations::add));
        long rings = labels.stream().filter(l -> l.scenario().equals("referral_ring") && l.subject().equals("leader")).count();
        assertThat(ringLeaders).isNotEmpty();
        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(ringLeaders).containsAll(v.path()));
        assertThat(violations.stream().flatMap(v -> v.path().stream()).collect(Collectors.toSet())).containsAll(ringLeaders);
        assertThat(rings).isGreaterThanOrEqualTo(violations.size() * 3L);
    }
}
