package io.leaderlens.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.events.CouponEvent;
import io.leaderlens.events.CouponEventType;
import io.leaderlens.events.CouponReason;
import io.leaderlens.events.EventKind;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.GroupBuyEventType;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.ReferralEvent;
import io.leaderlens.events.ReferralEventType;
import io.leaderlens.jobs.common.InputTables;
import org.apache.avro.specific.SpecificRecord;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.jobs.leadermetrics.LeaderMetricsRunner;
import io.leaderlens.stack.Trino;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad bytes, unknown schemas, invalid amounts and late events into the running job: each lands in
 * dead_letters or late_events with its reason, valid events still count, and the job keeps running.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BadInputIT {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2030, 1, 1); // apart from LeaderMetricsIT's days
    private static final long T0 = DAY.atTime(10, 0).atZone(SHANGHAI).toInstant().toEpochMilli();
    private final BinaryEventCodec codec = new BinaryEventCodec();

    @Test
    void badInputIsKeptWithReasonsAndValidInputStillCounts() throws Exception {
        LeaderlensConfig config = SharedStack.config()
                .with("job.consumer-group", "it-bad-" + UUID.randomUUID())
                .with("job.idleness", "PT2S") // partitions without data must not hold the watermark for long
                .with("job.checkpoint-interval", "PT2S");
        Trino trino = io.leaderlens.cli.CliContext.trino(config);
        String topic = config.get("topics.orders");
        var start = JobRuns.snapshotOffsets(config);
        LeaderMetricsRunner runner = new LeaderMetricsRunner(config);
        StreamExecutionEnvironment env = runner.environment();
        runner.build(env, false, start);
        JobClient job = env.executeAsync("leader-metrics-bad-input");
        try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
            byte[] key = "BAD-L1".getBytes(StandardCharsets.UTF_8);
            send(producer, topic, key, codec.encode(paid("bad-e1", 1_000, T0)));
            send(producer, topic, key, "definitely not avro".getBytes(StandardCharsets.UTF_8));
            send(producer, topic, key, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42});
            send(producer, topic, key, codec.encode(OrderEvent.newBuilder(paid("bad-e2", 0, T0 + 1_000)).setAmountCents(-500).build()));
            send(producer, topic, key, codec.encode(paid("bad-e3", 2_000, T0 + 2 * 3_600_000L)));
            // every partition of every topic gets an event two hours on, so no partition holds the watermark back
            // (relying on idleness timing instead would make this test flaky)
            int extra = advancePartitions(producer, config, T0 + 2 * 3_600_000L, false);
            awaitCount(trino, InputTables.countRawEventsSql("iceberg.leaderlens", "leader_id LIKE 'BAD-%'"), 2 + extra);

            // the watermark is now past T0 + 2h - 1min: an event at T0 + 1min is late
            send(producer, topic, key, codec.encode(paid("bad-late", 9_999, T0 + 60_000)));
            awaitCount(trino, "SELECT count(*) FROM iceberg.leaderlens.late_events WHERE leader_id = 'BAD-L1'", 1);
            assertThat(job.getJobStatus().get()).as("bad input does not fail or restart the job").isEqualTo(JobStatus.RUNNING);

            // two days on, on every partition: the watermark passes the end of DAY and its daily window closes
            advancePartitions(producer, config, T0 + 2 * 24 * 3_600_000L, true);
            awaitCount(trino, "SELECT count(*) FROM iceberg.leaderlens.leader_metrics_daily WHERE leader_id = 'BAD-L1'", 1);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }

        // this test's records only: other tests write to the same topic (partition 0, from the offset it started at)
        long from = start.get(new org.apache.kafka.common.TopicPartition(topic, 0));
        long to = JobRuns.snapshotOffsets(config).get(new org.apache.kafka.common.TopicPartition(topic, 0));
        List<List<String>> dead = trino.query("SELECT reason FROM iceberg.leaderlens.dead_letters WHERE source = '" + topic
                + "' AND kafka_partition = 0 AND kafka_offset >= " + from + " AND kafka_offset < " + to + " ORDER BY kafka_offset").rows();
        assertThat(dead).extracting(row -> row.get(0)).containsExactly(
                "not Avro single-object encoding (missing C3 01 header)",
                "unknown schema fingerprint 807060504030201",
                "negative amount_cents -500");
        List<List<String>> daily = trino.query("SELECT net_gmv_cents, orders FROM iceberg.leaderlens.leader_metrics_daily "
                + "WHERE leader_id = 'BAD-L1' AND day = DATE '" + DAY + "'").rows();
        assertThat(daily).containsExactly(List.of("3000", "2")); // the late 9,999 is not counted
        List<List<String>> late = trino.query("SELECT event_id, lateness_ms > 0 FROM iceberg.leaderlens.late_events WHERE leader_id = 'BAD-L1'").rows();
        assertThat(late).containsExactly(List.of("bad-late", "true"));
    }

    /**
     * Sends one valid event at {@code time} to each partition (but orders/0 unless {@code all}); returns how many of them
     * happen at a leader (BAD-L2).
     */
    private int advancePartitions(KafkaProducer<byte[], byte[]> producer, LeaderlensConfig config, long time, boolean all)
            throws Exception {
        int sent = 0;
        for (EventKind kind : EventKind.values()) {
            String topic = io.leaderlens.cli.CliContext.eventTopics(config).get(kind);
            for (var partition : producer.partitionsFor(topic)) {
                if (!all && kind == EventKind.ORDER && partition.partition() == 0) {
                    continue;
                }
                String id = "bad-adv-" + time + "-" + kind + "-" + partition.partition();
                SpecificRecord event = switch (kind) {
                    case ORDER -> OrderEvent.newBuilder(paid(id, 0, time)).setLeaderId("BAD-L2").setAmountCents(500).build();
                    case GROUP_BUY -> GroupBuyEvent.newBuilder().setEventId(id).setGroupBuyId("g-" + id).setType(GroupBuyEventType.OPENED)
                            .setLeaderId("BAD-L2").setCity("testville").setProductId("p").setGroupSize(2).setMemberCount(1)
                            .setDeadline(time + 3_600_000L).setEventTime(time).build();
                    case REFERRAL -> ReferralEvent.newBuilder().setEventId(id).setType(ReferralEventType.POSTER_SHARED)
                            .setLeaderId("BAD-L2").setCity("testville").setPosterId("poster-" + id).setEventTime(time).build();
                    case COUPON -> CouponEvent.newBuilder().setEventId(id).setType(CouponEventType.ISSUED).setCouponId("cp-" + id)
                            .setLeaderId("BAD-L2").setCity("testville").setUserId("bad-u2").setReason(CouponReason.NEW_USER)
                            .setValueCents(500).setMinSpendCents(1_500).setExpiresAt(time + 7 * 86_400_000L).setEventTime(time).build();
                    case CAMPAIGN -> io.leaderlens.events.CampaignEvent.newBuilder().setEventId(id).setType(io.leaderlens.events.CampaignEventType.STARTED)
                            .setCampaignId("camp-" + id).setKind(io.leaderlens.events.CampaignKind.FLASH_SALE).setDiscountPercent(20)
                            .setStockUnits(10).setStartsAt(time).setEndsAt(time + 3_600_000L).setEventTime(time).build();
                };
                producer.send(new ProducerRecord<>(topic, partition.partition(), "BAD-L2".getBytes(StandardCharsets.UTF_8),
                        codec.encode(event))).get();
                if (kind.atALeader()) {
                    sent++; // a campaign is the platform's: its table is not counted by leader
                }
            }
        }
        return sent;
    }

    private static OrderEvent paid(String id, long cents, long time) {
        return OrderEvent.newBuilder().setEventId(id).setOrderId("o-" + id).setType(OrderEventType.PAID).setUserId("bad-u1")
                .setLeaderId("BAD-L1").setCity("testville").setProductId("p").setCategory("snacks").setQuantity(1)
                .setAmountCents(cents).setCurrency("CNY").setPickupPointId("pp").setDeviceId("d").setIp("10.0.0.1")
                .setPaymentAccount("pa").setEventTime(time).build();
    }

    private static KafkaProducer<byte[], byte[]> producer(LeaderlensConfig config) {
        Properties props = new Properties();
        props.put("bootstrap.servers", config.get("kafka.bootstrap-servers"));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, 0, key, value)).get();
    }

    private static void awaitCount(Trino trino, String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            long count = Long.parseLong(trino.query(sql).rows().get(0).get(0));
            if (count >= expected) {
                assertThat(count).isEqualTo(expected);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + expected + " rows of: " + sql + " (have " + count + ")");
            }
            Thread.sleep(1_000);
        }
    }
}
