package io.leaderlens.jobs.leadermetrics;

import static io.leaderlens.jobs.testing.TestEvents.order;
import static io.leaderlens.jobs.testing.TestEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MarkFirstOrdersTest {

    @Test
    void onlyAMembersFirstPaidOrderWithTheLeaderIsFirst() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new MarkFirstOrders()),
                PlatformEvent::leaderId, Types.STRING)) {
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
}
