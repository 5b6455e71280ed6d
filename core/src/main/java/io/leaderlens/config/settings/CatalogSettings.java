package io.leaderlens.config.settings;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import java.net.URI;

/** The Iceberg REST catalog every table is registered in, and where its warehouse is. */
public record CatalogSettings(URI uri, String warehouse) {
    public CatalogSettings {
        requireNonNull(uri, "uri");
        requireNonNull(warehouse, "warehouse");
    }

    static CatalogSettings read(LeaderlensConfig config, Problems problems) {
        String uri = problems.read(() -> config.get("catalog.uri"), "");
        URI parsed = URI.create("http://invalid");
        if (!uri.isEmpty()) {
            try {
                parsed = URI.create(uri);
                problems.check(("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) && parsed.getHost() != null,
                        "catalog.uri must be the http(s) address of an Iceberg REST catalog, got '" + uri + "'");
            } catch (IllegalArgumentException e) {
                problems.check(false, "catalog.uri is not a URI: '" + uri + "'");
            }
        }
        String warehouse = problems.read(() -> config.get("catalog.warehouse"), "");
        return new CatalogSettings(parsed, warehouse);
    }
}
