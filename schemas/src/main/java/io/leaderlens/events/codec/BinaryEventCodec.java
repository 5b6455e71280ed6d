package io.leaderlens.events.codec;

import io.leaderlens.events.CampaignEvent;
import io.leaderlens.events.CouponEvent;
import io.leaderlens.events.EventKind;
import io.leaderlens.events.GroupBuyEvent;
import io.leaderlens.events.OrderEvent;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.ReferralEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, body) as used on every Kafka
 * topic. Decodes every published version of every event schema (see {@code schemas/compat}); anything
 * else is refused with a reason.
 */
public final class BinaryEventCodec {
    static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final Map<Long, EventKind> kindByFingerprint = new HashMap<>();
    private final BinaryMessageDecoder<OrderEvent> orderDecoder;
    private final BinaryMessageDecoder<GroupBuyEvent> groupBuyDecoder;
    private final BinaryMessageDecoder<ReferralEvent> referralDecoder;
    private final BinaryMessageDecoder<CouponEvent> couponDecoder;
    private final BinaryMessageDecoder<CampaignEvent> campaignDecoder;

    public BinaryEventCodec() {
        SchemaStore.Cache writers = new SchemaStore.Cache();
        for (EventKind kind : EventKind.values()) {
            for (Schema schema : writerSchemas(kind)) {
                writers.addSchema(schema);
                kindByFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), kind);
            }
        }
        orderDecoder = OrderEvent.createDecoder(writers);
        groupBuyDecoder = GroupBuyEvent.createDecoder(writers);
        referralDecoder = ReferralEvent.createDecoder(writers);
        couponDecoder = CouponEvent.createDecoder(writers);
        campaignDecoder = CampaignEvent.createDecoder(writers);
    }

    public byte[] encode(SpecificRecord event) {
        try {
            ByteBuffer buffer = switch (EventKind.of(event)) {
                case ORDER -> ((OrderEvent) event).toByteBuffer();
                case GROUP_BUY -> ((GroupBuyEvent) event).toByteBuffer();
                case REFERRAL -> ((ReferralEvent) event).toByteBuffer();
                case COUPON -> ((CouponEvent) event).toByteBuffer();
                case CAMPAIGN -> ((CampaignEvent) event).toByteBuffer();
            };
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    public PlatformEvent decode(byte[] bytes) throws EventDecodingException {
        long fingerprint = writerFingerprint(bytes);
        EventKind kind = kindByFingerprint.get(fingerprint);
        if (kind == null) {
            throw new EventDecodingException("unknown schema fingerprint " + Long.toHexString(fingerprint));
        }
        try {
            SpecificRecord record = switch (kind) {
                case ORDER -> orderDecoder.decode(bytes);
                case GROUP_BUY -> groupBuyDecoder.decode(bytes);
                case REFERRAL -> referralDecoder.decode(bytes);
                case COUPON -> couponDecoder.decode(bytes);
                case CAMPAIGN -> campaignDecoder.decode(bytes);
            };
            return PlatformEvent.of(record);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("malformed " + kind.schema().getName() + " body: " + e.getMessage(), e);
        }
    }

    /** Every schema an event of the kind may have been written in: the published versions and today's. */
    static Set<Schema> writerSchemas(EventKind kind) {
        Set<Schema> known = new HashSet<>(PublishedSchemas.versionsOf(kind));
        known.add(kind.schema());
        return known;
    }

    /** The fingerprint of the schema the bytes were written in, from the single-object header. */
    static long writerFingerprint(byte[] bytes) throws EventDecodingException {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new EventDecodingException("not Avro single-object encoding (missing C3 01 header)");
        }
        return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The published versions bundled from {@code schemas/compat}, oldest first. */
    public static final class PublishedSchemas {
        private PublishedSchemas() {}

        public static List<Schema> versionsOf(EventKind kind) {
            List<Schema> versions = new java.util.ArrayList<>();
            for (int version = 1; ; version++) {
                String resource = "/io/leaderlens/events/compat/" + kind.schema().getName() + ".v" + version + ".avsc";
                try (InputStream in = BinaryEventCodec.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return versions;
                    }
                    versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource, e);
                }
            }
        }
    }
}
