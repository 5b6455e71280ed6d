package io.leaderlens.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Talks to Trino over JDBC: queries as rows of strings, and the dashboard views. */
public final class Trino {
    /** A result: column names and rows, every value as Trino renders it (null stays null). */
    public record Result(List<String> columns, List<List<String>> rows) {}

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String sessionUser;

    /** Signs in as {@code user}; a null password only where Trino takes none (no password authentication). */
    public Trino(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, null);
    }

    private Trino(String jdbcUrl, String user, String password, String sessionUser) {
        this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = requireNonNull(user, "user");
        this.password = password;
        this.sessionUser = sessionUser;
    }

    /**
     * Queries run as {@code leaderId}, signed in as this user: Trino's access rules must let this user impersonate
     * leaders (the console does), and then show the leader only their own rows.
     */
    public Trino asLeader(String leaderId) {
        return new Trino(jdbcUrl, user, password, requireNonNull(leaderId, "leaderId"));
    }

    public Connection connect() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (sessionUser != null) {
            properties.setProperty("sessionUser", sessionUser);
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    public Result query(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return new Result(columns, rows);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Creates or replaces the dashboard views of a bundled SQL file (statements separated by ';'), with each
     * {@code {{name}}} replaced by its value (e.g. the platform's time zone).
     */
    public int createViews(String resource, java.util.Map<String, String> values) throws SQLException {
        int created = 0;
        for (String statement : statements(resource)) {
            execute(bind(statement, values));
            created++;
        }
        return created;
    }

    /** The statement with each {@code {{name}}} replaced by its value; refused when it names one it was not given. */
    static String bind(String statement, java.util.Map<String, String> values) {
        String bound = statement;
        for (var value : values.entrySet()) {
            bound = bound.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        if (bound.contains("{{")) {
            throw new IllegalArgumentException("a view names a value it was not given (" + values.keySet() + "): " + statement);
        }
        return bound;
    }

    static List<String> statements(String resource) {
        try (InputStream in = Trino.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled SQL " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder withoutComments = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.trim().startsWith("--")) {
                    withoutComments.append(line).append('\n');
                }
            }
            return Arrays.stream(withoutComments.toString().split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders a result as an aligned text table, or as CSV for scripts. */
    public static String format(Result result, boolean csv) {
        StringBuilder out = new StringBuilder();
        if (csv) {
            out.append(String.join(",", result.columns().stream().map(Trino::csvCell).toList())).append('\n');
            for (List<String> row : result.rows()) {
                out.append(String.join(",", row.stream().map(Trino::csvCell).toList())).append('\n');
            }
            return out.toString();
        }
        int[] widths = new int[result.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = result.columns().get(i).length();
            for (List<String> row : result.rows()) {
                widths[i] = Math.max(widths[i], String.valueOf(row.get(i)).length());
            }
        }
        appendRow(out, result.columns(), widths);
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(w));
        }
        out.append(rule).append('\n');
        for (List<String> row : result.rows()) {
            appendRow(out, row, widths);
        }
        out.append("(").append(result.rows().size()).append(result.rows().size() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            String cell = String.valueOf(cells.get(i));
            out.append(i == 0 ? "" : " | ").append(cell);
            if (i < widths.length - 1) {
                out.append(" ".repeat(widths[i] - cell.length())); // no trailing blanks after the last column
            }
        }
        out.append('\n');
    }

    private static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
