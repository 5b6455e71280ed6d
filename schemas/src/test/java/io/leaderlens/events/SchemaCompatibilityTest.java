package io.leaderlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.leaderlens.events.codec.BinaryEventCodec.PublishedSchemas;
import java.util.List;
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
            assertCompatible(kind.schema(), old, "backward with " + version);
            assertCompatible(old, kind.schema(), "forward with " + version);
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

    private static void assertCompatible(Schema reader, Schema writer, String what) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            fail("incompatible (" + what + "): " + result.getResult().getIncompatibilities());
        }
    }
}
