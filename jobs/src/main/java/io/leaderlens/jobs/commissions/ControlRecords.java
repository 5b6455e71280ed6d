package io.leaderlens.jobs.commissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.commissions.engine.AlertResolution;
import io.leaderlens.commissions.engine.FraudAlertNotice;
import io.leaderlens.commissions.ledger.LeaderLedger;
import io.leaderlens.jobs.common.DeadLetter;
import io.leaderlens.jobs.common.RawRecord;
import java.io.IOException;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The commission job's control topics: fraud alerts (JSON as the fraud scoring job writes them) and review
 * verdicts (JSON as {@code ./leaderlens resolve-alert} writes them). An unreadable record is a dead letter with
 * the reason — money held by an alert must not wait forever on a record nobody sees.
 */
public final class ControlRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which control topic a record comes from. */
    public enum Kind {
        ALERT, VERDICT;

        CommissionInput parse(byte[] json) throws IOException {
            return this == ALERT ? CommissionInput.of(alert(json)) : CommissionInput.of(verdict(json));
        }

        long time(byte[] json) throws IOException {
            return this == ALERT ? alert(json).effectiveAt() : verdict(json).resolvedAt();
        }
    }

    private ControlRecords() {}

    /**
     * {@code {alert_id, leader_id, action, max_score, reasons: [..], period_end, effective_at, previous_action,
     * previous_max_score}}; a record without {@code effective_at} is of the format before the alert lifecycle (one
     * record per alert, at its period's end).
     */
    public static FraudAlertNotice alert(byte[] json) throws IOException {
        JsonNode a = JSON.readTree(json);
        List<String> reasons = a.path("reasons").isArray()
                ? StreamSupport.stream(a.get("reasons").spliterator(), false).map(JsonNode::asText).toList()
                : List.of(a.path("reasons").asText(""));
        JsonNode previousAction = a.path("previous_action");
        JsonNode previousMaxScore = a.path("previous_max_score");
        return new FraudAlertNotice(text(a, "alert_id"), text(a, "leader_id"), text(a, "action"), a.path("max_score").asDouble(0),
                String.join(" | ", reasons), a.has("effective_at") ? time(a, "effective_at") : time(a, "period_end"),
                previousAction.isTextual() ? previousAction.asText() : null,
                previousMaxScore.isNumber() ? previousMaxScore.asDouble() : Double.NaN);
    }

    /** {@code {alert_id, leader_id, outcome: RELEASE|REVERSE, resolved_by, reason, resolved_at}}. */
    public static AlertResolution verdict(byte[] json) throws IOException {
        JsonNode r = JSON.readTree(json);
        String outcome = text(r, "outcome");
        LeaderLedger.Outcome parsed;
        try {
            parsed = LeaderLedger.Outcome.valueOf(outcome);
        } catch (IllegalArgumentException e) {
            throw new IOException("outcome '" + outcome + "' is not RELEASE or REVERSE");
        }
        return new AlertResolution(text(r, "alert_id"), text(r, "leader_id"), parsed, r.path("resolved_by").asText("unknown"),
                r.path("reason").asText(""), time(r, "resolved_at"));
    }

    private static String text(JsonNode node, String field) throws IOException {
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IOException("missing " + field);
        }
        return value.asText();
    }

    private static long time(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || value.asLong() <= 0) {
            throw new IOException(field + " is not a positive epoch millisecond");
        }
        return value.asLong();
    }

    /** Decodes a control topic's records; the unreadable ones go to {@link #DEAD_LETTERS}. */
    public static final class Decode extends ProcessFunction<RawRecord, CommissionInput> {
        public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("control-dead-letters") {};

        private final Kind kind;

        public Decode(Kind kind) {
            this.kind = kind;
        }

        @Override
        public void processElement(RawRecord raw, Context ctx, Collector<CommissionInput> out) {
            try {
                out.collect(kind.parse(raw.value()));
            } catch (IOException | RuntimeException e) {
                ctx.output(DEAD_LETTERS, DeadLetter.of(raw.topic(), raw.partition(), raw.offset(),
                        ctx.timerService().currentProcessingTime(), "unreadable " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + ": " + e.getMessage(), raw.value()));
            }
        }
    }

    /**
     * The event time of a control record, read at the source so each Kafka partition keeps its own watermark; an
     * unreadable record gets the smallest time (it moves no watermark and becomes a dead letter after the source).
     */
    public static final class Time implements SerializableTimestampAssigner<RawRecord> {
        private final Kind kind;

        public Time(Kind kind) {
            this.kind = kind;
        }

        @Override
        public long extractTimestamp(RawRecord raw, long recordTimestamp) {
            try {
                return kind.time(raw.value());
            } catch (IOException | RuntimeException e) {
                return Long.MIN_VALUE;
            }
        }
    }
}
