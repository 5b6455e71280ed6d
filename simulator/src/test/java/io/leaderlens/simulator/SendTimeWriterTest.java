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
        EventWriter collecting = new EventWriter() {
            @Override
            public void write(SpecificRecord event) {
                written.add(event);
            }

            @Override
            public void writeLabel(FraudLabel label) {}

            @Override
            public void close() {}
        };
        OrderEvent order = OrderEvent.newBuilder().setEventId("e1").setOrderId("o1").setType(OrderEventType.PAID).setUserId("m1")
                .setLeaderId("L1").setCity("c").setProductId("p").setCategory("snacks").setQuantity(1).setAmountCents(1_000)
                .setCurrency("CNY").setPickupPointId("pp").setDeviceId("d").setIp("ip").setPaymentAccount("pa").setEventTime(42L).build();

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
}
