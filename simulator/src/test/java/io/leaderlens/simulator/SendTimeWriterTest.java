package io.leaderlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SendTimeWriterTest {
    @Test
    void anEventIsStampedWithTheMomentItIsWrittenAndTheSimulatorsRecordIsLeftAsItWas() throws Exception {
        List<SpecificRecord> written = new ArrayList<>();
        EventWriter collecting = collectingInto(written);
        OrderEvent order = orderAt(42L);

        long before = System.currentTimeMillis();
        try (SendTimeWriter writer = new SendTimeWriter(collecting)) {
            writer.write(order);
        }
        long after = System.currentTimeMillis();

        OrderEvent sent = (OrderEvent) written.get(0);
        assertThat(sent.getEventTime()).isBetween(before, after);
        assertThat(sent.getOrderId()).isEqualTo("o1");
        assertThat(order.getEventTime()).isEqualTo(42L);
    }

    @Test
    void stampingInPlaceSendsTheSameRecordWithItsTimeSet() throws Exception {
        List<SpecificRecord> written = new ArrayList<>();
        EventWriter collecting = collectingInto(written);
        OrderEvent order = orderAt(42L);

        long before = System.currentTimeMillis();
        try (SendTimeWriter writer = SendTimeWriter.stampingInPlace(collecting)) {
            writer.write(order);
        }
        long after = System.currentTimeMillis();

        assertThat(written).hasSize(1);
        assertThat(written.get(0)).isSameAs(order);
        assertThat(order.getEventTime()).isBetween(before, after);
    }

    private static EventWriter collectingInto(List<SpecificRecord> written) {
        return new EventWriter() {
            @Override
            public void write(SpecificRecord event) {
                written.add(event);
            }

            @Override
            public void writeLabel(FraudLabel label) {}

            @Override
            public void close() {}
        };
    }

    private static OrderEvent orderAt(long eventTime) {
        return OrderEvent.newBuilder().setEventId("e1").setOrderId("o1").setType(OrderEventType.PAID).setUserId("m1")
                .setLeaderId("L1").setCity("c").setProductId("p").setCategory("snacks").setQuantity(1).setAmountCents(1_000)
                .setCurrency("CNY").setPickupPointId("pp").setDeviceId("d").setIp("ip").setPaymentAccount("pa").setEventTime(eventTime).build();
    }
}
