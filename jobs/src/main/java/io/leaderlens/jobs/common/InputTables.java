package io.leaderlens.jobs.common;

import static io.leaderlens.tables.Column.optional;
import static io.leaderlens.tables.Column.required;
import static java.util.Objects.requireNonNull;

import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.events.EventKind;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.tables.Column;
import io.leaderlens.tables.TableDefinition;
import io.leaderlens.tables.TableSet;
import io.leaderlens.time.CalendarPeriod;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What became of the jobs' input: the raw events, deduplicated (written by the leader metrics job), the dead
 * letters (every job that refuses input) and the late events.
 */
public final class InputTables implements TableSet, Serializable {
    private final ZoneId zone;

    public InputTables(ZoneId zone) {
        this.zone = requireNonNull(zone, "zone");
    }

    public TableDefinition<DeadLetter> deadLetters() {
        return new TableDefinition<>("dead_letters", "input that could not be used: the reason, where it is, and its digest", List.of(
                required("received_at", Types.TimestampType.withZone(), d -> Instant.ofEpochMilli(d.receivedAt()), "when the job saw it"),
                required("source", Types.StringType.get(), DeadLetter::source, "Kafka topic or file"),
                required("kafka_partition", Types.IntegerType.get(), DeadLetter::partition, null),
                required("kafka_offset", Types.LongType.get(), DeadLetter::offset, null),
                required("reason", Types.StringType.get(), DeadLetter::reason, "why it was refused"),
                optional("payload_sha256", Types.StringType.get(), DeadLetter::payloadSha256,
                        "hex SHA-256 of the bytes as received; the bytes stay in the topic (they may hold raw identifiers)"),
                optional("payload_bytes", Types.IntegerType.get(), DeadLetter::payloadBytes, "size of the bytes as received")), null)
                .retiring("payload"); // the raw bytes, until issue #13 (docs/privacy.md)
    }

    public TableDefinition<LateEvent> lateEvents() {
        return new TableDefinition<>("late_events", "valid events that arrived after the out-of-orderness bound", List.of(
                required("event_id", Types.StringType.get(), LateEvent::eventId, null),
                required("kind", Types.StringType.get(), LateEvent::kind, "ORDER, GROUP_BUY, REFERRAL, COUPON or CAMPAIGN"),
                optional("leader_id", Types.StringType.get(), LateEvent::leaderId, null),
                required("event_time", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.eventTime()), null),
                required("watermark", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.watermark()), "watermark when it arrived"),
                required("lateness_ms", Types.LongType.get(), e -> e.watermark() - e.eventTime(), null),
                required("event_json", Types.StringType.get(), LateEvent::json, "the event in its JSON-lines form")), null);
    }

    /** The Avro fields of epoch milliseconds: timestamp columns in the raw tables. */
    private static final java.util.Set<String> TIME_FIELDS = java.util.Set.of("event_time", "deadline", "expires_at", "starts_at", "ends_at");

    /** Raw events of one kind: the Avro fields, times as timestamps, lists of records as lists of structs, plus the local day. */
    public TableDefinition<PlatformEvent> rawEvents(EventKind kind) {
        List<Column<PlatformEvent>> columns = new ArrayList<>();
        int[] nestedIds = {NESTED_FIELD_IDS};
        Schema firstVersion = BinaryEventCodec.PublishedSchemas.versionsOf(kind).get(0);
        for (Schema.Field field : kind.schema().getFields()) {
            int pos = field.pos();
            boolean isTime = TIME_FIELDS.contains(field.name());
            Schema schema = nonNull(field.schema());
            Type type = isTime ? Types.TimestampType.withZone() : icebergType(schema, nestedIds);
            Column.Getter<PlatformEvent> getter = isTime
                    ? e -> Instant.ofEpochMilli((Long) e.record().get(pos))
                    : e -> columnValue(e.record().get(pos));
            // a field added after the first schema version is an optional column: rows written before it have none
            boolean added = firstVersion.getField(field.name()) == null;
            columns.add(new Column<>(field.name(), type, field.schema().isNullable() || added, getter, field.doc()));
        }
        ZoneId z = zone;
        columns.add(required("day", Types.DateType.get(), e -> CalendarPeriod.localDate(e.eventTime(), z), "local day of event_time"));
        return new TableDefinition<>(rawTableName(kind), "raw " + kind.schema().getName() + "s, deduplicated, for training and audits", columns, "day")
                .sortedBy(kind.atALeader() ? "leader_id" : "campaign_id");
    }

    /** The raw-event table of one kind. */
    public static String rawTableName(EventKind kind) {
        return switch (kind) {
            case ORDER -> "events_order";
            case GROUP_BUY -> "events_group_buy";
            case REFERRAL -> "events_referral";
            case COUPON -> "events_coupon";
            case CAMPAIGN -> "events_campaign";
        };
    }

    /**
     * A Trino query of the rows of every raw-event table of events at a leader ({@link EventKind#atALeader()}) of
     * {@code catalogSchema} that meet {@code where}, summed: what a run of some leaders landed.
     */
    public static String countRawEventsSql(String catalogSchema, String where) {
        StringJoiner sum = new StringJoiner(" + ", "SELECT ", "");
        for (EventKind kind : EventKind.values()) {
            if (!kind.atALeader()) {
                continue;
            }
            sum.add("(SELECT count(*) FROM " + catalogSchema + "." + rawTableName(kind) + " WHERE " + where + ")");
        }
        return sum.toString();
    }

    @Override
    public List<TableDefinition<?>> all() {
        List<TableDefinition<?>> all = new ArrayList<>(List.of(deadLetters(), lateEvents()));
        for (EventKind kind : EventKind.values()) {
            all.add(rawEvents(kind));
        }
        return all;
    }

    /** Ids of the fields inside lists and structs: far above the columns' own (1, 2, …), as Iceberg wants every id unique. */
    private static final int NESTED_FIELD_IDS = 1_000;

    private static Schema nonNull(Schema schema) {
        return schema.isUnion() ? schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow() : schema;
    }

    private static Type icebergType(Schema schema, int[] nextNestedId) {
        return switch (schema.getType()) {
            case STRING, ENUM -> Types.StringType.get();
            case LONG -> Types.LongType.get();
            case INT -> Types.IntegerType.get();
            case BOOLEAN -> Types.BooleanType.get();
            case ARRAY -> Types.ListType.ofRequired(nextNestedId[0]++, icebergType(nonNull(schema.getElementType()), nextNestedId));
            case RECORD -> {
                List<Types.NestedField> fields = new ArrayList<>();
                for (Schema.Field f : schema.getFields()) {
                    fields.add(Types.NestedField.of(nextNestedId[0]++, f.schema().isNullable(), f.name(),
                            icebergType(nonNull(f.schema()), nextNestedId), f.doc()));
                }
                yield Types.StructType.of(fields);
            }
            default -> throw new IllegalArgumentException("no Iceberg mapping for Avro " + schema.getType());
        };
    }

    /** An Avro value as the table's writer takes it: text for enums, a list for an array, an array of field values for a record. */
    private static Object columnValue(Object v) {
        if (v instanceof Enum<?> || v instanceof CharSequence) {
            return v.toString();
        }
        if (v instanceof List<?> list) {
            List<Object> values = new ArrayList<>(list.size());
            for (Object item : list) {
                values.add(columnValue(item));
            }
            return values;
        }
        if (v instanceof IndexedRecord r) {
            Object[] fields = new Object[r.getSchema().getFields().size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = columnValue(r.get(i));
            }
            return fields;
        }
        return v;
    }
}
