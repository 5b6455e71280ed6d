package io.leaderlens.recompute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Leader figures recomputed straight from the simulator's JSON lines, with none of the project's metric
 * code: what the pipeline's tables must equal.
 */
public final class Recomputation {
    public record Key(String leaderId, LocalDate day) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return Comparator.comparing(Key::leaderId).thenComparing(Key::day).compare(this, o);
        }
    }

    public static final class Figures {
        public String city;
        public long paidCents;
        public long refundedCents;
        public long orders;
        public final Set<String> buyers = new HashSet<>();
        public long formed;
        public long failed;

        public long netCents() {
            return paidCents - refundedCents;
        }

        public Double formationRate() {
            return formed + failed == 0 ? null : (double) formed / (formed + failed);
        }
    }

    public record Ranked(String city, LocalDate day, int rank, String leaderId, long netCents) {}

    public final Map<Key, Figures> figures = new TreeMap<>();
    public long lines;
    /** distinct events at a leader (every kind but a campaign's: the raw tables counted per leader) */
    public long uniqueEvents;
    /** distinct events of the platform's campaigns */
    public long uniqueCampaignEvents;

    public static Recomputation of(Path eventsJsonl, ZoneId zone) throws IOException {
        Recomputation r = new Recomputation();
        ObjectMapper mapper = new ObjectMapper();
        Set<String> seen = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(eventsJsonl)) {
            for (String line; (line = in.readLine()) != null; ) {
                r.lines++;
                JsonNode e = mapper.readTree(line);
                if (!seen.add(e.get("event_id").asText())) {
                    continue; // a resend
                }
                String schema = e.get("schema").asText();
                if (schema.equals("CampaignEvent")) {
                    r.uniqueCampaignEvents++; // the platform's: no leader figure moves with it
                    continue;
                }
                r.uniqueEvents++;
                LocalDate day = Instant.ofEpochMilli(e.get("event_time").asLong()).atZone(zone).toLocalDate();
                String type = e.get("type").asText();
                Key key = new Key(e.get("leader_id").asText(), day);
                Figures f = r.figures.computeIfAbsent(key, k -> new Figures());
                f.city = e.get("city").asText();
                if (schema.equals("OrderEvent") && type.equals("PAID")) {
                    f.paidCents += e.get("amount_cents").asLong();
                    f.orders++;
                    f.buyers.add(e.get("user_id").asText());
                } else if (schema.equals("OrderEvent") && type.equals("REFUNDED")) {
                    f.refundedCents += e.get("amount_cents").asLong();
                } else if (schema.equals("GroupBuyEvent") && type.equals("FORMED")) {
                    f.formed++;
                } else if (schema.equals("GroupBuyEvent") && type.equals("FAILED")) {
                    f.failed++;
                }
            }
        }
        return r;
    }

    /** Top-n per city and day: highest net first, ties to the smaller leader id. */
    public List<Ranked> topPerCityAndDay(int n) {
        Map<String, List<Map.Entry<Key, Figures>>> groups = figures.entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getValue().city + "|" + e.getKey().day(), TreeMap::new, Collectors.toList()));
        List<Ranked> ranked = new ArrayList<>();
        for (List<Map.Entry<Key, Figures>> group : groups.values()) {
            group.sort(Comparator.<Map.Entry<Key, Figures>>comparingLong(e -> -e.getValue().netCents())
                    .thenComparing(e -> e.getKey().leaderId()));
            for (int i = 0; i < Math.min(n, group.size()); i++) {
                var e = group.get(i);
                ranked.add(new Ranked(e.getValue().city, e.getKey().day(), i + 1, e.getKey().leaderId(), e.getValue().netCents()));
            }
        }
        return ranked;
    }
}
