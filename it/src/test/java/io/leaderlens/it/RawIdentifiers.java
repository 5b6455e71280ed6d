package io.leaderlens.it;

import static java.util.Objects.requireNonNull;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.lines.JsonLines;
import io.leaderlens.jobs.io.KafkaOffsets;
import io.leaderlens.stack.Trino;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The raw device ids, IPs and payment accounts of a simulated world (read from its JSON lines, the source side), and
 * where they turn up in what leaderlens wrote: text columns of every table, records of the output topics. Values are
 * split into words (runs of letters, digits and '-', joined by inner dots), so an identifier inside a reason text is found too.
 */
final class RawIdentifiers {
    /** A simulator identifier is such a word: d7-177, 10.68.130.125, pa7-22214. */
    private static final String WORD = "[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*";
    private static final Pattern WORDS = Pattern.compile(WORD);
    private static final String SCRATCH_SCHEMA = "iceberg.it_scratch";

    private final Set<String> raw;

    private RawIdentifiers(Set<String> raw) {
        this.raw = Set.copyOf(requireNonNull(raw, "raw"));
    }

    static RawIdentifiers of(Path eventsJsonl) throws Exception {
        Set<String> raw = new java.util.HashSet<>();
        for (PlatformEvent e : JsonLines.read(eventsJsonl, JsonLines.events()).values()) {
            if (e.order() != null) {
                raw.add(e.order().getDeviceId());
                raw.add(e.order().getIp());
                raw.add(e.order().getPaymentAccount());
            } else if (e.referral() != null) {
                raw.add(e.referral().getDeviceId());
                raw.add(e.referral().getIp());
            }
        }
        raw.remove(null);
        raw.remove("unknown"); // an absence, not an identifier
        return new RawIdentifiers(raw);
    }

    int size() {
        return raw.size();
    }

    /** One of the identifiers, for a control that the search finds what is there. */
    String any() {
        return raw.iterator().next();
    }

    /**
     * Per table and text column of the {@code leaderlens} schema, how many values hold one of the identifiers. The
     * identifiers go into a scratch table outside that schema first, so each table is scanned once with a join.
     */
    Map<String, Long> foundInTables(Trino trino, String name) throws Exception {
        return foundInTables(trino, name, "leaderlens");
    }

    /** As {@link #foundInTables(Trino, String)}, over the base tables of another schema of the Iceberg catalog. */
    Map<String, Long> foundInTables(Trino trino, String name, String schema) throws Exception {
        String scratch = SCRATCH_SCHEMA + "." + name;
        trino.execute("CREATE SCHEMA IF NOT EXISTS " + SCRATCH_SCHEMA);
        trino.execute("DROP TABLE IF EXISTS " + scratch);
        trino.execute("CREATE TABLE " + scratch + " (identifier varchar)");
        List<String> all = new ArrayList<>(raw);
        for (int from = 0; from < all.size(); from += 2_000) {
            trino.execute("INSERT INTO " + scratch + " VALUES " + all.subList(from, Math.min(all.size(), from + 2_000)).stream()
                    .map(v -> "('" + v.replace("'", "''") + "')").collect(Collectors.joining(",")));
        }
        Map<String, List<String>> textColumns = new TreeMap<>();
        for (List<String> column : trino.query("SELECT c.table_name, c.column_name FROM iceberg.information_schema.columns c "
                + "JOIN iceberg.information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
                + "WHERE c.table_schema = '" + schema + "' AND t.table_type = 'BASE TABLE' AND c.data_type = 'varchar'").rows()) {
            textColumns.computeIfAbsent(column.get(0), t -> new ArrayList<>()).add(column.get(1));
        }
        Map<String, Long> found = new TreeMap<>();
        for (Map.Entry<String, List<String>> table : textColumns.entrySet()) {
            String names = table.getValue().stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "));
            String values = table.getValue().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
            for (List<String> row : trino.query("SELECT u.column_name, count(*) FROM iceberg." + schema + "." + table.getKey()
                    + " CROSS JOIN UNNEST(ARRAY[" + names + "], ARRAY[" + values + "]) AS u(column_name, value)"
                    + " CROSS JOIN UNNEST(regexp_extract_all(u.value, '" + WORD + "')) AS w(word)"
                    + " JOIN " + scratch + " s ON s.identifier = w.word GROUP BY u.column_name").rows()) {
                found.put(table.getKey() + "." + row.get(0), Long.parseLong(row.get(1)));
            }
        }
        trino.execute("DROP TABLE " + scratch);
        return found;
    }

    /** Per topic, how many committed records (key or value) hold one of the identifiers, over the whole topic. */
    Map<String, Long> foundInTopics(LeaderlensConfig config, List<String> topics) {
        String bootstrap = config.get("kafka.bootstrap-servers");
        Map<TopicPartition, Long> fromStart = new java.util.HashMap<>();
        KafkaOffsets.endOffsets(bootstrap, topics).keySet().forEach(tp -> fromStart.put(tp, 0L));
        Map<String, Long> found = new TreeMap<>();
        for (ConsumerRecord<String, String> record : KafkaOffsets.readCommitted(bootstrap, fromStart)) {
            if (holdsOne(record.key()) || holdsOne(record.value())) {
                found.merge(record.topic(), 1L, Long::sum);
            }
        }
        return found;
    }

    /** Records read per topic: a scan of empty topics proves nothing. */
    static Map<String, Long> recordsIn(LeaderlensConfig config, List<String> topics) {
        String bootstrap = config.get("kafka.bootstrap-servers");
        Map<String, Long> records = new TreeMap<>();
        KafkaOffsets.endOffsets(bootstrap, topics).forEach((tp, end) -> records.merge(tp.topic(), end, Long::sum));
        return records;
    }

    boolean holdsOne(String text) {
        if (text == null) {
            return false;
        }
        Matcher words = WORDS.matcher(text); // Avro's binary strings are UTF-8 between length bytes: words survive
        while (words.find()) {
            if (raw.contains(words.group())) {
                return true;
            }
        }
        return false;
    }
}
