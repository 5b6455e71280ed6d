package io.leaderlens.events.codec;

import io.leaderlens.events.EventKind;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads only {@code event_time} from an event in Avro single-object encoding, for the source's per-partition
 * watermarks: the other fields are skipped, not decoded (no strings built), which costs a fraction of the full
 * decode the job does next. Same header checks and same errors as {@link BinaryEventCodec#decode}.
 * Not thread-safe: one per source reader.
 */
public final class EventTimeReader {
    /** writer schema fingerprint → a reader of that writer's bytes projected onto {@code event_time} */
    private final Map<Long, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder decoder;
    private GenericRecord reuse;

    public EventTimeReader() {
        for (EventKind kind : EventKind.values()) {
            Schema projection = SchemaBuilder.record(kind.schema().getName()).namespace(kind.schema().getNamespace())
                    .fields().requiredLong("event_time").endRecord();
            for (Schema writer : BinaryEventCodec.writerSchemas(kind)) {
                readers.put(SchemaNormalization.parsingFingerprint64(writer), new GenericDatumReader<>(writer, projection));
            }
        }
    }

    public long eventTime(byte[] bytes) throws EventDecodingException {
        long fingerprint = BinaryEventCodec.writerFingerprint(bytes);
        GenericDatumReader<GenericRecord> reader = readers.get(fingerprint);
        if (reader == null) {
            throw new EventDecodingException("unknown schema fingerprint " + Long.toHexString(fingerprint));
        }
        try {
            int header = BinaryEventCodec.HEADER_LENGTH;
            decoder = DecoderFactory.get().binaryDecoder(bytes, header, bytes.length - header, decoder);
            reuse = reader.read(reuse, decoder);
            return (Long) reuse.get(0);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("malformed body: " + e.getMessage(), e);
        }
    }
}
