package io.leaderlens.jobs.fraudscoring.features;

import static io.leaderlens.jobs.testing.TestEvents.orderOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.FeatureRouting;
import io.leaderlens.features.FeatureRow;
import io.leaderlens.features.FeatureSource;
import io.leaderlens.features.FeatureTime;
import io.leaderlens.features.FraudFeatures;
import io.leaderlens.features.IdentifierKind;
import io.leaderlens.jobs.common.EarlyRelease;
import io.leaderlens.jobs.common.OrderedKeyedOperator;
import io.leaderlens.jobs.fraudscoring.FraudSignal;
import io.leaderlens.jobs.testing.Harnesses;
import io.leaderlens.jobs.testing.Harnesses.Backend;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fraud stages under early release: live inputs go on the wall clock (after the reorder wait, or for the
 * leader once an order's parts are all here) in each key's time order, without the watermark; an input that
 * comes after a later one went is applied at that later time; old inputs still wait for the watermark; and when
 * everything has gone, no state, timer, index entry or deadline is left.
 */
class EarlyReleaseTest {
    /** the wall clock of the test (processing time) */
    private static final long NOW = 1_800_000_000_000L;
    private static final long MINUTE = 60_000;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void liveInputsGoAfterTheReorderWaitInTimeOrderLaterOnesAtTheKeysTimeOldOnesWithTheWatermark(Backend backend) throws Exception {
        var stage = new IdentifierStage(IdentifierKind.DEVICE).operator(EarlyRelease.after(Duration.ofMillis(200), Duration.ofMinutes(1)));
        try (var harness = Harnesses.keyed(stage, (PlatformEvent e) -> e.order().getDeviceId(), Types.STRING, backend)) {
            harness.open();
            harness.setProcessingTime(NOW);
            // within the reorder wait the older step still goes first: the payment counts both accounts
            send(harness, orderOn("e2", OrderEventType.PAID, "o2", "L1", "u2", 500, "dev", "ip", "pa2", null, NOW - 500));
            send(harness, orderOn("e1", OrderEventType.PLACED, "o1", "L1", "u1", 500, "dev", "ip", "pa1", null, NOW - 1_000));
            harness.setProcessingTime(NOW + 199);
            assertThat(harness.extractOutputValues()).as("still inside the reorder wait").isEmpty();
            harness.setProcessingTime(NOW + 200);
            assertThat(values(harness)).containsExactly("[2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0]");
            assertThat(harness.extractOutputStreamRecords()).extracting(r -> ((StreamRecord<?>) r).getTimestamp()).containsExactly(NOW - 500);

            // a payment 1.5 s older than what went already: applied at the device's latest time, with all three accounts,
            // but its part keeps the payment's own time (the leader's stage puts it beside its order by that time)
            harness.setProcessingTime(NOW + 1_000);
            send(harness, orderOn("e0", OrderEventType.PAID, "o0", "L1", "u3", 500, "dev", "ip", "pa3", null, NOW - 2_000));
            harness.setProcessingTime(NOW + 1_200);
            assertThat(values(harness)).containsExactly("[2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0]", "[3.0, 3.0, 3.0, 0.0, 0.0, 0.0, 0.0]");
            FeaturePart late = (FeaturePart) harness.extractOutputValues().get(1);
            assertThat(late.eventId()).isEqualTo("e0");
            assertThat(late.eventTime()).isEqualTo(NOW - 2_000);
            assertThat(harness.extractOutputStreamRecords()).extracting(r -> ((StreamRecord<?>) r).getTimestamp())
                    .containsExactly(NOW - 500, NOW - 2_000);

            // two minutes old is not live: it waits for the watermark however long the wall clock runs
            send(harness, orderOn("e9", OrderEventType.PAID, "o9", "L1", "u4", 500, "dev", "ip", "pa4", null, NOW - 2 * MINUTE));
            harness.setProcessingTime(NOW + 10 * MINUTE);
            assertThat(harness.extractOutputValues()).hasSize(2);
            harness.processWatermark(NOW - 2 * MINUTE);
            assertThat(values(harness)).containsExactly("[2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0]", "[3.0, 3.0, 3.0, 0.0, 0.0, 0.0, 0.0]", "[4.0, 4.0, 4.0, 0.0, 0.0, 0.0, 0.0]");

            harness.processWatermark(NOW + 8 * FeatureTime.DAY);
            assertNothingLeft(harness);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void leaderLetsAnOrderGoWithItsPartsOnceTheyAreHereOrWithDefaultsWhenItsMaximumWaitIsOut(Backend backend) throws Exception {
        var stage = new LeaderStage().operator(new EarlyRelease(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(1)));
        try (var harness = Harnesses.keyed(stage, LeaderInput::leaderId, Types.STRING, backend)) {
            harness.open();
            harness.setProcessingTime(NOW);
            PlatformEvent first = orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 1_250, "d1", "i1", "p1", null, NOW - 300);
            List<FeatureSource> expected = FeatureRouting.expectedParts(first);
            assertThat(expected).contains(FeatureSource.MEMBER, FeatureSource.DEVICE, FeatureSource.CATEGORY, FeatureSource.PICKUP_POINT);
            send(harness, LeaderInput.of(first, "L1"));
            harness.setProcessingTime(NOW + 60); // the parts come after their order, through other stages
            for (FeatureSource source : expected.subList(0, expected.size() - 1)) {
                send(harness, LeaderInput.of(part(first, source)));
            }
            assertThat(harness.extractOutputValues()).as("one part still missing").isEmpty();
            send(harness, LeaderInput.of(part(first, expected.get(expected.size() - 1))));
            harness.setProcessingTime(NOW + 99);
            assertThat(harness.extractOutputValues()).as("complete, but inside the reorder wait (a ring flag may still come)").isEmpty();
            // the order's wait is out, its parts' own not yet: they go with it
            harness.setProcessingTime(NOW + 100);
            List<FeatureRow> rows = rows(harness);
            assertThat(rows).extracting(FeatureRow::eventId).containsExactly("e1");
            assertThat(rows.get(0).values()[FraudFeatures.index("device_accounts_1d")]).as("from the device part").isEqualTo(3);

            // a second order with its member part only: it goes when the maximum wait is out, the rest defaulted
            PlatformEvent second = orderOn("e2", OrderEventType.PAID, "o2", "L1", "u2", 990, "d2", "i2", "p2", null, NOW - 100);
            send(harness, LeaderInput.of(second, "L1"));
            send(harness, LeaderInput.of(part(second, FeatureSource.MEMBER)));
            harness.setProcessingTime(NOW + 2_099);
            assertThat(rows(harness)).hasSize(1);
            harness.setProcessingTime(NOW + 2_100);
            assertThat(rows(harness)).extracting(FeatureRow::eventId).containsExactly("e1", "e2");
            assertThat(rows(harness).get(1).values()[FraudFeatures.index("device_accounts_1d")]).as("device part missing: its default")
                    .isEqualTo(0);

            // its device part after all: its order went already, so it goes after the reorder wait (unused) and holds nothing back
            harness.setProcessingTime(NOW + 2_600);
            send(harness, LeaderInput.of(part(second, FeatureSource.DEVICE)));
            PlatformEvent third = orderOn("e3", OrderEventType.PLACED, "o3", "L1", "u3", 500, "d3", "i3", "p3", null, NOW + 2_000);
            send(harness, LeaderInput.of(third, "L1"));
            harness.setProcessingTime(NOW + 2_700);
            assertThat(rows(harness)).hasSize(2);
            assertThat(((OrderedKeyedOperator<?, ?, ?, ?>) harness.getOperator()).waitingInputsForTesting()).as("nothing left waiting").isZero();
            assertThat(Harnesses.keysHolding(harness, "keyed")).as("the leader's history").isEqualTo(1);

            harness.setProcessingTime(NOW + 10_000);
            harness.processWatermark(NOW + 2_000 + FeatureTime.IDLE_RETENTION + FeatureTime.DAY * 400);
            assertNothingLeft(harness);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anOrderThatComesAfterALaterOneWentIsAppliedAtThatTimeTogetherWithItsParts(Backend backend) throws Exception {
        var stage = new LeaderStage().operator(
                new EarlyRelease(Duration.ofMillis(100), EarlyRelease.UNTIL_WATERMARK, Duration.ofMinutes(1)));
        try (var harness = Harnesses.keyed(stage, LeaderInput::leaderId, Types.STRING, backend)) {
            harness.open();
            harness.setProcessingTime(NOW);
            PlatformEvent later = orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 1_250, "d1", "i1", "p1", null, NOW - 300);
            sendWithParts(harness, later);
            harness.setProcessingTime(NOW + 100);
            assertThat(rows(harness)).extracting(FeatureRow::eventId).containsExactly("e1");

            // an order 1.7 s older than the one that went, and its parts: all applied at e1's time, as one, so the row has them
            PlatformEvent earlier = orderOn("e0", OrderEventType.PAID, "o0", "L1", "u0", 990, "d0", "i0", "p0", null, NOW - 2_000);
            sendWithParts(harness, earlier);
            harness.setProcessingTime(NOW + 200);
            List<FeatureRow> rows = rows(harness);
            assertThat(rows).extracting(FeatureRow::eventId).containsExactly("e1", "e0");
            assertThat(rows.get(1).values()[FraudFeatures.index("device_accounts_1d")]).as("from e0's device part, not a default")
                    .isEqualTo(3);

            harness.setProcessingTime(NOW + 10_000);
            harness.processWatermark(NOW + FeatureTime.IDLE_RETENTION + FeatureTime.DAY * 400);
            assertNothingLeft(harness);
        }
    }

    private static void sendWithParts(KeyedOneInputStreamOperatorTestHarness<String, LeaderInput, FraudSignal> harness, PlatformEvent order)
            throws Exception {
        send(harness, LeaderInput.of(order, "L1"));
        for (FeatureSource source : FeatureRouting.expectedParts(order)) {
            send(harness, LeaderInput.of(part(order, source)));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void inputsWaitingInAStateFromBeforeEarlyReleaseGoWithTheWatermarkAndLiveOnesAfterThem(Backend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = Harnesses.keyed(new IdentifierStage(IdentifierKind.DEVICE).operator(), (PlatformEvent e) -> e.order().getDeviceId(),
                Types.STRING, backend)) {
            before.open();
            send(before, orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 500, "dev", "ip", "pa1", null, NOW - 2 * MINUTE));
            send(before, orderOn("e3", OrderEventType.PAID, "o3", "L1", "u3", 500, "dev2", "ip", "pa3", null, NOW - 3 * MINUTE));
            send(before, orderOn("e4", OrderEventType.PAID, "o4", "L1", "u4", 500, "dev2", "ip", "pa4", null, NOW - 90_000));
            snapshot = before.snapshot(1, 1);
        }
        var stage = new IdentifierStage(IdentifierKind.DEVICE).operator(EarlyRelease.after(Duration.ofMillis(200), Duration.ofMinutes(1)));
        try (var after = Harnesses.keyed(stage, (PlatformEvent e) -> e.order().getDeviceId(), Types.STRING, backend)) {
            after.initializeState(snapshot);
            after.open();
            after.setProcessingTime(NOW);
            send(after, orderOn("e2", OrderEventType.PAID, "o2", "L1", "u2", 500, "dev", "ip", "pa2", null, NOW - 100));
            after.setProcessingTime(NOW + 1_000);
            assertThat(after.extractOutputValues()).as("the restored input holds the live one back: time order").isEmpty();
            after.processWatermark(NOW - 2 * MINUTE); // dev2 keeps a restored input waiting, with no arrival times
            assertThat(after.extractOutputValues()).extracting(FeaturePart::eventId).containsExactlyInAnyOrder("e1", "e2", "e3");
            assertThat(values(after)).containsExactlyInAnyOrder("[1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]", "[2.0, 2.0, 2.0, 0.0, 0.0, 0.0, 0.0]", "[1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]");
            after.processWatermark(NOW - 90_000);
            assertThat(after.extractOutputValues()).extracting(FeaturePart::eventId).containsExactlyInAnyOrder("e1", "e2", "e3", "e4");
        }
    }

    /** No state, event-time timer, watermark index entry, deadline or processing-time timer is left. */
    private static void assertNothingLeft(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> harness) throws Exception {
        assertThat(Harnesses.keysHolding(harness, "keyed")).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(Harnesses.waitingKeys(harness)).isZero();
        assertThat(Harnesses.expiringKeys(harness)).isZero();
        assertThat(((OrderedKeyedOperator<?, ?, ?, ?>) harness.getOperator()).deadlinesForTesting()).isZero();
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
    }

    private static FeaturePart part(PlatformEvent event, FeatureSource source) {
        double[] values = new double[source.width() + (source == FeatureSource.MEMBER ? 2 : 0)];
        Arrays.fill(values, 0, source.width(), 3); // a member part's two flags stay 0: an old account, not its first payment
        return new FeaturePart(event.leaderId(), event.eventId(), event.eventTime(), source, values);
    }

    private static List<String> values(KeyedOneInputStreamOperatorTestHarness<String, PlatformEvent, FeaturePart> harness) {
        return harness.extractOutputValues().stream().map(p -> Arrays.toString(p.values())).toList();
    }

    private static List<FeatureRow> rows(KeyedOneInputStreamOperatorTestHarness<String, LeaderInput, FraudSignal> harness) {
        return harness.extractOutputValues().stream().map(FraudSignal::row).toList();
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, PlatformEvent, FeaturePart> harness, PlatformEvent event)
            throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime()));
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, LeaderInput, FraudSignal> harness, LeaderInput input)
            throws Exception {
        harness.processElement(new StreamRecord<>(input, input.eventTime()));
    }
}
