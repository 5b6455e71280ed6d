package io.leaderlens.console;

import static java.util.Objects.requireNonNull;

import io.leaderlens.stack.Trino;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Panels read from Trino over JDBC, signed in as the console's service user; the leader workspace's panels run as
 * that leader (impersonation), so Trino's row filters, not the console, decide which rows a leader sees.
 */
public final class TrinoPanelSource implements PanelSource {
    private final Trino console;

    /** @param console Trino signed in as the {@code console} role (docs/access.md) */
    public TrinoPanelSource(Trino console) {
        this.console = requireNonNull(console, "console");
    }

    @Override
    public PanelData load(Panel panel, Optional<String> leaderId) throws Exception {
        Trino trino = leaderId.map(console::asLeader).orElse(console);
        Trino.Result result = trino.query(panel.sql());
        return new PanelData(result.columns(), result.rows(), committedAt(panel));
    }

    /** The newest commit among the panel's tables, from Iceberg's snapshot metadata (read as the console, not the leader). */
    private Instant committedAt(Panel panel) throws Exception {
        String newest = panel.freshnessTables().stream()
                .map(t -> "SELECT max(committed_at) AS committed_at FROM iceberg.leaderlens.\"" + t + "$snapshots\"")
                .collect(Collectors.joining(" UNION ALL "));
        String millis = console.query("SELECT CAST(to_unixtime(max(committed_at)) * 1000 AS bigint) FROM (" + newest + ")")
                .rows().get(0).get(0);
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
