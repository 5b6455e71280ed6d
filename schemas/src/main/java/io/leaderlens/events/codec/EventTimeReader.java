package io.leaderlens.events.codec;

import io.leaderlens.events.EventKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
    private static final int HEADER_LENGTH = 10;

    /** writer schema fingerprint → a reader of that writer's bytes projected onto {@code event_time} */
    private final Map<Long, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder decoder;
    private GenericRecord reuse;

    public EventTimeReader() {
        for (EventKind kind : EventKind.values()) {
            Schema projection = SchemaBuilder.record(kind.schema().getName()).namespace(kind.schema().getNamespace())
                    .fields().requiredLong("event_time").endRecord();
            Set<Schema> writers = new HashSet<>(BinaryEventCodec.PublishedSchemas.versionsOf(kind));
            writers.add(kind.schema());
            for (Schema writer : writers) {
                readers.put(SchemaNormalization.parsingFingerprint64(writer), new GenericDatumReader<>(writer, projection));
            }
        }
    }

    public long eventTime(byte[] bytes) throws EventDecodingException {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new EventDecodingException("not Avro single-object encoding (missing C3 01 header)");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        GenericDatumReader<GenericRecord> reader = readers.get(fingerprint);
        if (reader == null) {
            throw new EventDecodingException("unknown schema fingerprint " + Long.toHexString(fingerprint));
        }
        try {
            decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, decoder);
            reuse = reader.read(reuse, decoder);
            return (Long) reuse.get(0);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("malformed body: " + e.getMessage(), e);
        }
    }

}
