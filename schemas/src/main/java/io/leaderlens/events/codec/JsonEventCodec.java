package io.leaderlens.events.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaderlens.events.EventKind;
import io.leaderlens.events.PlatformEvent;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON-lines form of events, for files and replay: one flat object per line with the Avro field
 * names plus {@code "schema"} naming the record, e.g. {@code {"schema":"OrderEvent","event_id":"…",…}}.
 * Unlike Avro's JSON encoding, nullable fields are plain values, so the files are easy to read and grep.
 */
public final class JsonEventCodec {
    public static final String SCHEMA_FIELD = "schema";
    private final ObjectMapper mapper = new ObjectMapper();

    public String encode(SpecificRecord event) {
        ObjectNode node = mapper.createObjectNode();
        node.put(SCHEMA_FIELD, event.getSchema().getName());
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            if (value == null) {
                node.putNull(field.name());
            } else if (value instanceof Long l) {
                node.put(field.name(), l);
            } else if (value instanceof Integer i) {
                node.put(field.name(), i);
            } else if (value instanceof Boolean b) {
                node.put(field.name(), b);
            } else {
                node.put(field.name(), value.toString());
            }
        }
        return node.toString();
    }

    public PlatformEvent decode(String line) throws EventDecodingException {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new EventDecodingException("not a JSON object");
        }
        JsonNode schemaName = node.get(SCHEMA_FIELD);
        if (schemaName == null || !schemaName.isTextual()) {
            throw new EventDecodingException("missing \"schema\" field");
        }
        EventKind kind;
        try {
            kind = EventKind.ofSchemaName(schemaName.asText());
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException(e.getMessage());
        }
        SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, kind.schema());
        for (Schema.Field field : kind.schema().getFields()) {
            record.put(field.pos(), valueOf(kind, field, node.get(field.name())));
        }
        return PlatformEvent.of(record);
    }

    private static Object valueOf(EventKind kind, Schema.Field field, JsonNode value) throws EventDecodingException {
        Schema schema = field.schema();
        String where = kind.schema().getName() + "." + field.name();
        if (value == null || value.isNull()) {
            if (schema.isNullable()) {
                return null;
            }
            if (field.hasDefaultValue()) {
                return SpecificData.get().getDefaultValue(field);
            }
            throw new EventDecodingException("missing required field " + where);
        }
        if (schema.isUnion()) {
            schema = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        switch (schema.getType()) {
            case STRING:
                if (!value.isTextual()) {
                    throw new EventDecodingException(where + " must be a string");
                }
                return value.asText();
            case LONG:
                if (!value.canConvertToLong() || !value.isIntegralNumber()) {
                    throw new EventDecodingException(where + " must be an integer");
                }
                return value.asLong();
            case INT:
                if (!value.isInt()) {
                    throw new EventDecodingException(where + " must be a 32-bit integer");
                }
                return value.asInt();
            case BOOLEAN:
                if (!value.isBoolean()) {
                    throw new EventDecodingException(where + " must be true or false");
                }
                return value.asBoolean();
            case ENUM:
                if (!value.isTextual() || !schema.hasEnumSymbol(value.asText())) {
                    throw new EventDecodingException("unknown " + where + " '" + value.asText() + "'");
                }
                return SpecificData.get().createEnum(value.asText(), schema);
            default:
                throw new IllegalStateException("unsupported Avro type " + schema.getType() + " at " + where);
        }
    }
}
