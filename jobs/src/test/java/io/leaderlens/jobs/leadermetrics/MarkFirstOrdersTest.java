package io.leaderlens.jobs.leadermetrics;

import static io.leaderlens.jobs.testing.TestEvents.order;
import static io.leaderlens.jobs.testing.TestEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.testing.Harnesses;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

class MarkFirstOrdersTest {
    private static final long DAY = 86_400_000L;

    @Test
    void onlyAMembersFirstPaidOrderWithTheLeaderIsFirst() throws Exception {
        try (var harness = Harnesses.keyed(new MarkFirstOrders(), PlatformEvent::leaderId, Types.STRING)) {
            harness.open();
            harness.processElement(new StreamRecord<>(order("e0", OrderEventType.PLACED, "L1", "u1", 100, 1), 1));
            harness.processElement(new StreamRecord<>(paid("e1", "L1", "u1", 100, 2), 2));
            harness.processElement(new StreamRecord<>(paid("e2", "L1", "u1", 100, 3), 3));
            harness.processElement(new StreamRecord<>(paid("e3", "L2", "u1", 100, 4), 4));
            harness.processElement(new StreamRecord<>(paid("e4", "L1", "u2", 100, 5), 5));
            assertThat(harness.extractOutputValues()).extracting(LeaderActivity::firstOrder)
                    .containsExactly(false, true, false, true, true);
        }
    }

    @Test
    void aMemberBackAfterTheMemoryCountsAgainAndIsForgottenWhenItEnds() throws Exception {
        try (var harness = Harnesses.keyed(new MarkFirstOrders(), PlatformEvent::leaderId, Types.STRING)) {
            harness.open();
            harness.processElement(new StreamRecord<>(paid("e1", "L1", "u1", 100, DAY), DAY));
            harness.processElement(new StreamRecord<>(paid("e2", "L1", "u1", 100, 20 * DAY), 20 * DAY));
            harness.processWatermark(40 * DAY);
            harness.processElement(new StreamRecord<>(paid("e3", "L1", "u1", 100, 40 * DAY + 1), 40 * DAY + 1));
            harness.processElement(new StreamRecord<>(paid("e4", "L1", "u1", 100, 80 * DAY), 80 * DAY));
            assertThat(harness.extractOutputValues()).extracting(LeaderActivity::firstOrder)
                    .containsExactly(true, false, false, true);

            harness.processWatermark(111 * DAY);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
