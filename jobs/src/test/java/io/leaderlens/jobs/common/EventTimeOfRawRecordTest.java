package io.leaderlens.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.jobs.testing.TestEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeOfRawRecordTest {
    private static final long KAFKA_TIME = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    private final EventTimeOfRawRecord times = new EventTimeOfRawRecord();

    @Test
    void aValidEventGivesItsOwnTime() {
        long t = Instant.parse("2032-01-08T10:00:00Z").toEpochMilli();
        assertThat(times.extractTimestamp(TestEvents.raw("orders", 0, TestEvents.paid("e1", "L1", "u1", 100, t).record()), KAFKA_TIME))
                .isEqualTo(t);
    }

    @Test
    void whatWillBeADeadLetterMovesNoWatermark() {
        assertThat(times.extractTimestamp(TestEvents.raw("orders", 0, "not avro".getBytes()), KAFKA_TIME))
                .as("undecodable: not the producer's clock").isEqualTo(Long.MIN_VALUE);
        assertThat(times.extractTimestamp(TestEvents.raw("orders", 0, new byte[0]), KAFKA_TIME)).isEqualTo(Long.MIN_VALUE);
        for (String when : new String[] {"2300-01-01T00:00:00Z", "2100-01-01T00:00:00Z", "1999-12-31T23:59:59Z"}) {
            PlatformEvent event = TestEvents.paid("e2", "L1", "u1", 100, 0);
            OrderEvent dated = OrderEvent.newBuilder(event.order()).setEventTime(Instant.parse(when).toEpochMilli()).build();
            assertThat(times.extractTimestamp(TestEvents.raw("orders", 1, dated), KAFKA_TIME)).as(when).isEqualTo(Long.MIN_VALUE);
        }
    }
}
