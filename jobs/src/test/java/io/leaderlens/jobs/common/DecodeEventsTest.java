package io.leaderlens.jobs.common;

import io.leaderlens.jobs.testing.TestPseudonyms;
import static io.leaderlens.jobs.testing.TestEvents.paid;
import static io.leaderlens.jobs.testing.TestEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DecodeEventsTest {

    @Test
    void validEventsPassPseudonymisedAndEveryBadInputBecomesADeadLetterWithItsReason() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new DecodeEvents(TestPseudonyms.events())))) {
            harness.open();
            PlatformEvent good = paid("e1", "L1", "u1", 990, 1_700_000_000_000L);
            OrderEvent negative = OrderEvent.newBuilder(good.order()).setEventId("e2").setAmountCents(-1).build();
            harness.processElement(new StreamRecord<>(raw("events.order", 0, good.record())));
            harness.processElement(new StreamRecord<>(raw("events.order", 1, "not avro".getBytes(StandardCharsets.UTF_8))));
            harness.processElement(new StreamRecord<>(raw("events.order", 2, negative)));
            harness.processElement(new StreamRecord<>(raw("events.order", 3, new byte[] {(byte) 0xC3, 1, 9, 9, 9, 9, 9, 9, 9, 9, 1})));

            // the valid event comes out with its identifiers pseudonymised and nothing else changed
            OrderEvent expected = OrderEvent.newBuilder(good.order())
                    .setDeviceId(TestPseudonyms.KEYS.of(good.order().getDeviceId())).setIp(TestPseudonyms.KEYS.of(good.order().getIp()))
                    .setPaymentAccount(TestPseudonyms.KEYS.of(good.order().getPaymentAccount())).build();
            assertThat(harness.extractOutputValues()).extracting(PlatformEvent::order).containsExactly(expected);
            assertThat(expected.getDeviceId()).startsWith("k1:").isNotEqualTo(good.order().getDeviceId());
            List<DeadLetter> dead = harness.getSideOutput(DecodeEvents.DEAD_LETTERS).stream().map(StreamRecord::getValue)
                    .collect(Collectors.toList());
            assertThat(dead).extracting(DeadLetter::offset).containsExactly(1L, 2L, 3L);
            assertThat(dead).extracting(DeadLetter::reason).containsExactly(
                    "not Avro single-object encoding (missing C3 01 header)",
                    "negative amount_cents -1",
                    "unknown schema fingerprint " + Long.toHexString(0x0909090909090909L));
            // the bytes are named, not kept: a refused event still holds its raw identifiers
            // `printf 'not avro' | sha256sum`
            assertThat(dead.get(0).payloadSha256()).isEqualTo("91e55b23a803f8b3f498144072399c4d1ea97e4cbf21f98ad6e038dcef669068");
            assertThat(dead.get(0).payloadBytes()).isEqualTo(8);
            assertThat(dead.get(1).payloadSha256()).as("the refused valid-Avro order is named by its digest")
                    .hasSize(64).isNotEqualTo(dead.get(0).payloadSha256());
            assertThat(dead.get(1).toString()).doesNotContain(negative.getDeviceId(), negative.getIp(), negative.getPaymentAccount());
        }
    }
}
