package io.leaderlens.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the SQL of a notebook's query cells ({@code name = trino.query("""SQL""")}, leaderlens_trino.py). */
final class Notebooks {
    private static final String QUERY = "trino.query(\"\"\"";

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

    /**
     * Executes the notebook end to end in a standard Jupyter (Debian's jupyter-nbconvert and its Python 3 kernel) on
     * the stack of {@code config}, signed in as its role; fails with the run's output when a cell fails.
     *
     * @return the executed notebook, outputs and charts included
     */
    static JsonNode execute(io.leaderlens.config.LeaderlensConfig config, Path notebook, Path outDir) throws Exception {
        Path nbconvert = Path.of("/usr/bin/jupyter-nbconvert");
        if (!java.nio.file.Files.isExecutable(nbconvert) || !java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3"))) {
            throw new IllegalStateException("executing the notebooks needs Debian's Jupyter: apt-get install jupyter-nbconvert "
                    + "python3-ipykernel python3-pandas python3-matplotlib (.ci/run installs them)");
        }
        java.net.URI jdbc = java.net.URI.create(config.get("trino.jdbc-url").substring("jdbc:".length()));
        io.leaderlens.stack.TrinoSecurity security = io.leaderlens.cli.CliContext.localStack(config).security();
        java.nio.file.Files.createDirectories(outDir);
        Path log = outDir.resolve(notebook.getFileName() + ".log");
        ProcessBuilder run = new ProcessBuilder(nbconvert.toString(), "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300", "--output-dir", outDir.toAbsolutePath().toString(), notebook.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().put("LEADERLENS_TRINO_URL", "https://" + jdbc.getHost() + ":" + jdbc.getPort());
        run.environment().put("LEADERLENS_TRINO_CERT", security.certificate().toString());
        run.environment().put("LEADERLENS_TRINO_CREDENTIALS", security.credentialsFile().toString());
        Process process = run.start();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(notebook + " did not finish in 10 minutes; its run: " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            throw new AssertionError(notebook + " failed in Jupyter (exit " + process.exitValue() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
        return new ObjectMapper().readTree(outDir.resolve(notebook.getFileName()).toFile());
    }

    /** The charts (PNG outputs) an executed notebook drew. */
    static int charts(JsonNode executed) {
        int charts = 0;
        for (JsonNode cell : executed.get("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                charts += output.path("data").has("image/png") ? 1 : 0;
            }
        }
        return charts;
    }

    static List<Cell> sqlCells(Path notebook) throws IOException {
        JsonNode root = new ObjectMapper().readTree(notebook.toFile());
        List<Cell> cells = new ArrayList<>();
        for (JsonNode cell : root.get("cells")) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            StringBuilder source = new StringBuilder();
            cell.get("source").forEach(line -> source.append(line.asText()));
            String text = source.toString();
            int start = text.indexOf(QUERY);
            if (start < 0) {
                continue; // set-up and charts
            }
            int end = text.indexOf("\"\"\"", start + QUERY.length());
            String sql = text.substring(start + QUERY.length(), end).trim();
            boolean mayBeEmpty = false;
            for (JsonNode tag : cell.path("metadata").path("tags")) {
                mayBeEmpty |= tag.asText().equals("may-be-empty");
            }
            cells.add(new Cell(sql, mayBeEmpty));
        }
        if (cells.isEmpty()) {
            throw new IllegalStateException(notebook + " has no cell of the form x = trino.query(\"\"\" SQL \"\"\")");
        }
        return cells;
    }
}
