package io.leaderlens.events.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaderlens.events.EventKind;
import io.leaderlens.events.PlatformEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON-lines form of events, for files and replay: one flat object per line with the Avro field
 * names plus {@code "schema"} naming the record, e.g. {@code {"schema":"OrderEvent","event_id":"…",…}}.
 * Unlike Avro's JSON encoding, nullable fields are plain values, so the files are easy to read and grep; a list of
 * records (an order's discounts) is a JSON array of such objects.
 */
public final class JsonEventCodec {
    public static final String SCHEMA_FIELD = "schema";
    private final ObjectMapper mapper = new ObjectMapper();

    public String encode(SpecificRecord event) {
        ObjectNode node = mapper.createObjectNode();
        node.put(SCHEMA_FIELD, event.getSchema().getName());
        putFields(node, event);
        return node.toString();
    }

    private void putFields(ObjectNode node, IndexedRecord record) {
        for (Schema.Field field : record.getSchema().getFields()) {
            node.set(field.name(), toJson(record.get(field.pos())));
        }
    }

    private JsonNode toJson(Object value) {
        if (value == null) {
            return mapper.nullNode();
        } else if (value instanceof Long l) {
            return mapper.getNodeFactory().numberNode(l);
        } else if (value instanceof Integer i) {
            return mapper.getNodeFactory().numberNode(i);
        } else if (value instanceof Boolean b) {
            return mapper.getNodeFactory().booleanNode(b);
        } else if (value instanceof IndexedRecord r) {
            ObjectNode object = mapper.createObjectNode();
            putFields(object, r);
            return object;
        } else if (value instanceof Collection<?> c) {
            ArrayNode array = mapper.createArrayNode();
            for (Object item : c) {
                array.add(toJson(item));
            }
            return array;
        }
        return mapper.getNodeFactory().textNode(value.toString());
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
        return PlatformEvent.of((SpecificRecord) record(kind.schema(), node, kind.schema().getName()));
    }

    private static IndexedRecord record(Schema schema, JsonNode node, String where) throws EventDecodingException {
        IndexedRecord record = (IndexedRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), valueOf(where + "." + field.name(), field, node.get(field.name())));
        }
        return record;
    }

    private static Object valueOf(String where, Schema.Field field, JsonNode value) throws EventDecodingException {
        Schema schema = field.schema();
        if (value == null || value.isNull()) {
            if (schema.isNullable()) {
                return null;
            }
            if (field.hasDefaultValue()) {
                return SpecificData.get().getDefaultValue(field);
            }
            throw new EventDecodingException("missing required field " + where);
        }
        return valueOf(where, schema, value);
    }

    private static Object valueOf(String where, Schema schema, JsonNode value) throws EventDecodingException {
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
            case RECORD:
                if (!value.isObject()) {
                    throw new EventDecodingException(where + " must be an object");
                }
                return record(schema, value, where);
            case ARRAY:
                if (!value.isArray()) {
                    throw new EventDecodingException(where + " must be an array");
                }
                List<Object> items = new ArrayList<>(value.size());
                for (int i = 0; i < value.size(); i++) {
                    items.add(valueOf(where + "[" + i + "]", schema.getElementType(), value.get(i)));
                }
                return items;
            default:
                throw new IllegalStateException("unsupported Avro type " + schema.getType() + " at " + where);
        }
    }
}
