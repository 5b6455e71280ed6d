package io.leaderlens.jobs.testing;

import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.jobs.common.RawRecord;
import org.apache.avro.specific.SpecificRecord;

/** Small hand-made events for function tests. */
public final class TestEvents {
    private static final BinaryEventCodec CODEC = new BinaryEventCodec();

    private TestEvents() {}

    public static PlatformEvent paid(String eventId, String leader, String user, long cents, long time) {
        return order(eventId, OrderEventType.PAID, leader, user, cents, time);
    }

    public static PlatformEvent order(String eventId, OrderEventType type, String leader, String user, long cents, long time) {
        return PlatformEvent.of(OrderEvent.newBuilder().setEventId(eventId).setOrderId("o-" + eventId).setType(type)
                .setUserId(user).setLeaderId(leader).setCity("hangzhou").setProductId("p1").setCategory("snacks")
                .setQuantity(1).setAmountCents(cents).setCurrency("CNY").setPickupPointId("pp-" + leader)
                .setDeviceId("d-" + user).setIp("10.0.0.1").setPaymentAccount("pa-" + user).setEventTime(time).build());
    }

    /** An order step on given identifiers (device, IP, payment account) and pickup point, in category snacks. */
    public static PlatformEvent orderOn(String eventId, OrderEventType type, String orderId, String leader, String user, long cents,
                                        String device, String ip, String paymentAccount, String groupBuy, long time) {
        return PlatformEvent.of(OrderEvent.newBuilder().setEventId(eventId).setOrderId(orderId).setType(type)
                .setUserId(user).setLeaderId(leader).setCity("hangzhou").setGroupBuyId(groupBuy).setProductId("p1")
                .setCategory("snacks").setQuantity(1).setAmountCents(cents).setCurrency("CNY").setPickupPointId("pp-" + leader)
                .setDeviceId(device).setIp(ip).setPaymentAccount(paymentAccount).setEventTime(time).build());
    }

    public static PlatformEvent referral(String eventId, ReferralEventType type, String leader, String user, String upline,
                                         long time) {
        return PlatformEvent.of(ReferralEvent.newBuilder().setEventId(eventId).setType(type).setLeaderId(leader).setCity("hangzhou")
                .setUserId(user).setUplineLeaderId(upline).setDeviceId(user == null ? null : "d-" + user).setIp("10.0.0.9")
                .setEventTime(time).build());
    }

    public static PlatformEvent groupOf(String eventId, GroupBuyEventType type, String groupBuy, String leader, String user,
                                        long deadline, long time) {
        return PlatformEvent.of(GroupBuyEvent.newBuilder().setEventId(eventId).setGroupBuyId(groupBuy).setType(type)
                .setLeaderId(leader).setCity("hangzhou").setUserId(user).setProductId("p1").setGroupSize(3).setMemberCount(1)
                .setDeadline(deadline).setEventTime(time).build());
    }

    public static PlatformEvent group(String eventId, GroupBuyEventType type, String leader, long time) {
        return PlatformEvent.of(GroupBuyEvent.newBuilder().setEventId(eventId).setGroupBuyId("g1").setType(type)
                .setLeaderId(leader).setCity("hangzhou").setProductId("p1").setGroupSize(3).setMemberCount(1)
                .setDeadline(time + 3_600_000).setEventTime(time).build());
    }

    public static RawRecord raw(String topic, long offset, SpecificRecord event) {
        return new RawRecord(topic, 0, offset, 0L, CODEC.encode(event));
    }

    public static RawRecord raw(String topic, long offset, byte[] bytes) {
        return new RawRecord(topic, 0, offset, 0L, bytes);
    }

    /** A fraud alert as the fraud scoring job writes it to its topic (JSON). */
    public static RawRecord alert(long offset, String alertId, String leader, String action, double maxScore, String reason, long periodEnd) {
        return json("fraud-alerts", offset, String.format(java.util.Locale.ROOT,
                "{\"alert_id\":\"%s\",\"leader_id\":\"%s\",\"action\":\"%s\",\"max_score\":%s,\"reasons\":[\"%s\"],\"period_end\":%d}",
                alertId, leader, action, maxScore, reason, periodEnd));
    }

    /** A review verdict as {@code ./leaderlens resolve-alert} writes it (JSON). */
    public static RawRecord verdict(long offset, String alertId, String leader, String outcome, String by, String reason, long resolvedAt) {
        return json("alert-resolutions", offset, String.format(java.util.Locale.ROOT,
                "{\"alert_id\":\"%s\",\"leader_id\":\"%s\",\"outcome\":\"%s\",\"resolved_by\":\"%s\",\"reason\":\"%s\",\"resolved_at\":%d}",
                alertId, leader, outcome, by, reason, resolvedAt));
    }

    public static RawRecord json(String topic, long offset, String json) {
        return new RawRecord(topic, 0, offset, 0L, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
