package io.leaderlens.events.lines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.codec.JsonEventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    private final JsonEventCodec codec = new JsonEventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private static OrderEvent order(String id, long amountCents) {
        return OrderEvent.newBuilder().setEventId(id).setOrderId("o-" + id).setType(OrderEventType.PAID)
                .setUserId("u1").setLeaderId("L1").setCity("hangzhou").setGroupBuyId(null).setProductId("p1")
                .setCategory("fresh_produce").setQuantity(1).setAmountCents(amountCents).setCurrency("CNY")
                .setPickupPointId("pp1").setDeviceId("d1").setIp("10.0.0.1").setPaymentAccount("pa1")
                .setEventTime(1_700_000_000_000L).build();
    }

    @Test
    void badLinesAreSetAsideWithLineAndReasonAndTheRestIsRead() throws Exception {
        Path file = dir.resolve("events.jsonl");
        String negative = codec.encode(order("e3", -5));
        Files.write(file, List.of(
                codec.encode(order("e1", 100)),
                "{not json",
                negative,
                "",
                codec.encode(order("e4", 200))));

        JsonLines.Read<PlatformEvent> read = JsonLines.read(file, JsonLines.events());

        assertThat(read.values()).extracting(PlatformEvent::eventId).containsExactly("e1", "e4");
        assertThat(read.lines()).isEqualTo(5);
        assertThat(read.rejected()).isEqualTo(2);
        assertThat(read.rejectedFile()).isEqualTo(dir.resolve("events.jsonl.rejected.jsonl"));
        List<JsonNode> rejected = new ArrayList<>();
        for (String line : Files.readAllLines(read.rejectedFile())) {
            rejected.add(json.readTree(line));
        }
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).get("line").asLong()).isEqualTo(2);
        assertThat(rejected.get(0).get("reason").asText()).startsWith("not JSON");
        assertThat(rejected.get(0).get("text").asText()).isEqualTo("{not json");
        assertThat(rejected.get(1).get("line").asLong()).isEqualTo(3);
        assertThat(rejected.get(1).get("reason").asText()).isEqualTo("negative amount_cents -5"); // the jobs' validator
        assertThat(rejected.get(1).get("text").asText()).isEqualTo(negative);
        assertThat(read.setAsideNote()).hasValueSatisfying(note -> assertThat(note).contains("set aside 2 of 5 lines"));
    }

    @Test
    void aCleanReadLeavesNoRejectedFileBehindEvenFromAnEarlierRun() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of("garbage", codec.encode(order("e1", 100))));
        assertThat(JsonLines.read(file, JsonLines.events()).rejected()).isEqualTo(1);
        assertThat(RejectedLines.fileFor(file)).exists();

        Files.write(file, List.of(codec.encode(order("e1", 100))));
        JsonLines.Read<PlatformEvent> clean = JsonLines.read(file, JsonLines.events());

        assertThat(clean.rejected()).isZero();
        assertThat(clean.setAsideNote()).isEmpty();
        assertThat(RejectedLines.fileFor(file)).doesNotExist();
    }
}
