package io.leaderlens.models.training;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.events.EventValidator;
import io.leaderlens.events.lines.InvalidLineException;
import io.leaderlens.events.lines.JsonLines;
import java.util.Set;

/**
 * One line of {@code labels.jsonl}: a subject known to be fraudulent, its scenario and when it became known
 * ({@code {"subject":"member","id":"M-1","scenario":"fake_member_farm","event_time":1763…}}). Read by training,
 * evaluation and {@code label}, each through {@link #parser()}, so a line one accepts the others accept too.
 */
public record FraudLabelLine(String subject, String id, String scenario, long eventTime) {
    public static final Set<String> SUBJECTS = Set.of("order", "member", "leader");

    public FraudLabelLine {
        requireNonNull(subject, "subject");
        requireNonNull(id, "id");
        requireNonNull(scenario, "scenario");
    }

    public static JsonLines.LineParser<FraudLabelLine> parser() {
        ObjectMapper json = new ObjectMapper();
        return text -> {
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (JsonProcessingException e) {
                throw new InvalidLineException("not JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new InvalidLineException("not a JSON object");
            }
            String subject = text(node, "subject");
            if (!SUBJECTS.contains(subject)) {
                throw new InvalidLineException("unknown subject '" + subject + "' (order, member or leader)");
            }
            JsonNode time = node.get("event_time");
            if (time == null || !time.isIntegralNumber() || !time.canConvertToLong()) {
                throw new InvalidLineException("event_time must be an integer (epoch milliseconds)");
            }
            long eventTime = time.asLong();
            if (eventTime < EventValidator.EARLIEST_EVENT_TIME || eventTime >= EventValidator.LATEST_EVENT_TIME) {
                throw new InvalidLineException("event_time " + eventTime + " is outside the years 2000 to 2099");
            }
            return new FraudLabelLine(subject, text(node, "id"), text(node, "scenario"), eventTime);
        };
    }

    private static String text(JsonNode node, String field) throws InvalidLineException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidLineException("missing " + field);
        }
        if (value.asText().length() > EventValidator.MAX_TEXT_LENGTH) {
            throw new InvalidLineException(field + " is " + value.asText().length() + " characters long (at most "
                    + EventValidator.MAX_TEXT_LENGTH + ")");
        }
        return value.asText();
    }
}
