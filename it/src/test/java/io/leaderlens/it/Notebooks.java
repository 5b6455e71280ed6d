package io.leaderlens.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the SQL of a notebook's code cells (cell magics such as %%sql are not SQL and are dropped). */
final class Notebooks {
    private Notebooks() {}

    /** One code cell's SQL; cells tagged {@code may-be-empty} may return no rows on a fresh stack. */
    record Cell(String sql, boolean mayBeEmpty) {}

    /** The Trino role the notebook signs in as (its metadata {@code leaderlens.trino_role}; docs/access.md). */
    static String role(Path notebook) throws IOException {
        String role = new ObjectMapper().readTree(notebook.toFile()).path("metadata").path("leaderlens").path("trino_role").asText();
        if (role.isEmpty()) {
            throw new IllegalStateException(notebook + " names no Trino role in metadata.leaderlens.trino_role");
        }
        return role;
    }

    /** Trino signed in as the notebook's role, as a reader of the notebook would be. */
    static io.leaderlens.stack.Trino asItsRole(io.leaderlens.config.LeaderlensConfig config, Path notebook) throws IOException {
        return io.leaderlens.cli.CliContext.trino(config, role(notebook));
    }

    static List<Cell> sqlCells(Path notebook) throws IOException {
        JsonNode root = new ObjectMapper().readTree(notebook.toFile());
        List<Cell> cells = new ArrayList<>();
        for (JsonNode cell : root.get("cells")) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            StringBuilder sql = new StringBuilder();
            for (JsonNode line : cell.get("source")) {
                if (!line.asText().startsWith("%%")) {
                    sql.append(line.asText());
                }
            }
            String text = sql.toString().trim();
            if (text.endsWith(";")) {
                text = text.substring(0, text.length() - 1);
            }
            boolean mayBeEmpty = false;
            for (JsonNode tag : cell.path("metadata").path("tags")) {
                mayBeEmpty |= tag.asText().equals("may-be-empty");
            }
            if (!text.isEmpty()) {
                cells.add(new Cell(text, mayBeEmpty));
            }
        }
        return cells;
    }
}
