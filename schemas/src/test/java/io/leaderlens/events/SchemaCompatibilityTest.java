package io.leaderlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.leaderlens.events.codec.BinaryEventCodec.PublishedSchemas;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Fails the build when a schema change would break producers or consumers on either side of a deploy. */
class SchemaCompatibilityTest {

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void currentSchemaIsBackwardAndForwardCompatibleWithEveryPublishedVersion(EventKind kind) {
        List<Schema> published = PublishedSchemas.versionsOf(kind);
        assertFalse(published.isEmpty(), "no published version of " + kind.schema().getName() + " in schemas/compat");
        for (int i = 0; i < published.size(); i++) {
            Schema old = published.get(i);
            String version = kind.schema().getName() + ".v" + (i + 1);
            // backward: new readers read old data; forward: old readers read new data
            assertCompatible(kind.schema(), old, "backward with " + version, Set.of());
            assertCompatible(old, kind.schema(), "forward with " + version, FORWARD_BREAKS.getOrDefault(version, Set.of()));
        }
    }

    /**
     * The one published forward break, and all it may be: a reader of OrderEvent v1 cannot read an order type added
     * after it, because Avro resolves an unknown symbol with the <em>reader's</em> enum default and v1 has none. So
     * every consumer moves to v2 before any producer writes v2 orders (docs/schemas.md, "Upgrading"). v2 gave the
     * enum its default (UNKNOWN), so a v2 reader copes with symbols added later: no further entry should appear here.
     */
    private static final Map<String, Set<String>> FORWARD_BREAKS = Map.of(
            "OrderEvent.v1", Set.of("/fields/2/type/symbols: [GOODS_ARRIVED, UNKNOWN]"));

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void theKnownForwardBreakIsStillTheOnlyOne(EventKind kind) {
        // the allowance above must name real incompatibilities: if it did not, it would excuse nothing and mean nothing
        if (kind == EventKind.ORDER) {
            Schema v1 = PublishedSchemas.versionsOf(kind).get(0);
            assertEquals(FORWARD_BREAKS.get("OrderEvent.v1"), incompatibilities(v1, kind.schema()));
        }
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void currentSchemaIsPublished(EventKind kind) {
        List<Schema> published = PublishedSchemas.versionsOf(kind);
        Schema newest = published.get(published.size() - 1);
        // the fingerprint identifies the writer schema on the wire: an unpublished one cannot be decoded
        assertEquals(SchemaNormalization.parsingFingerprint64(newest), SchemaNormalization.parsingFingerprint64(kind.schema()),
                kind.schema().getName()
                + " changed: copy src/main/avro/" + kind.schema().getName() + ".avsc to schemas/compat/"
                + kind.schema().getName() + ".v" + (published.size() + 1) + ".avsc to publish it");
    }

    private static void assertCompatible(Schema reader, Schema writer, String what, Set<String> allowed) {
        Set<String> found = incompatibilities(reader, writer);
        found.removeAll(allowed);
        if (!found.isEmpty()) {
            fail("incompatible (" + what + "): " + found);
        }
    }

    /** Each incompatibility as "location: message", e.g. a symbol the reader's enum lacks. */
    private static Set<String> incompatibilities(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        Set<String> found = new TreeSet<>();
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            for (SchemaCompatibility.Incompatibility i : result.getResult().getIncompatibilities()) {
                found.add(i.getLocation() + ": " + i.getMessage());
            }
        }
        return found;
    }
}
