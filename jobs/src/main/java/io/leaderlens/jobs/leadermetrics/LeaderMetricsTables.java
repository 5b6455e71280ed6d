package io.leaderlens.jobs.leadermetrics;

import static io.leaderlens.tables.Column.optional;
import static io.leaderlens.tables.Column.required;

import io.leaderlens.metrics.LeaderMetrics;
import io.leaderlens.metrics.LeaderboardEntry;
import io.leaderlens.tables.Column;
import io.leaderlens.tables.TableDefinition;
import io.leaderlens.tables.TableSet;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.types.Types;

/** The leader metrics job's tables: leader figures per minute and day, and the leaderboards. */
public final class LeaderMetricsTables implements TableSet, Serializable {
    public TableDefinition<LeaderMetrics> leaderMetricsMinute() {
        return new TableDefinition<>("leader_metrics_minute", "per leader per minute, platform time zone", metricColumns(), "day")
                .sortedBy("leader_id");
    }

    public TableDefinition<LeaderMetrics> leaderMetricsDaily() {
        return new TableDefinition<>("leader_metrics_daily", "per leader per day, platform time zone", metricColumns(), "day")
                .sortedBy("leader_id");
    }

    public TableDefinition<LeaderboardEntry> leaderboardHourly() {
        return new TableDefinition<>("leaderboard_hourly", "top-N leaders by net GMV per city per hour", leaderboardColumns(), "day")
                .sortedBy("city", "rank");
    }

    public TableDefinition<LeaderboardEntry> leaderboardDaily() {
        return new TableDefinition<>("leaderboard_daily", "top-N leaders by net GMV per city per day", leaderboardColumns(), "day")
                .sortedBy("city", "rank");
    }

    @Override
    public List<TableDefinition<?>> all() {
        return List.of(leaderMetricsMinute(), leaderMetricsDaily(), leaderboardHourly(), leaderboardDaily());
    }

    private static List<Column<LeaderMetrics>> metricColumns() {
        Types.LongType bigint = Types.LongType.get();
        Types.DoubleType ratio = Types.DoubleType.get();
        return List.of(
                required("leader_id", Types.StringType.get(), LeaderMetrics::leaderId, null),
                required("city", Types.StringType.get(), LeaderMetrics::city, null),
                required("day", Types.DateType.get(), LeaderMetrics::day, "local day of the period"),
                required("period_start", Types.TimestampType.withZone(), m -> Instant.ofEpochMilli(m.periodStart()), null),
                required("period_end", Types.TimestampType.withZone(), m -> Instant.ofEpochMilli(m.periodEnd()), "exclusive"),
                required("gross_gmv_cents", bigint, LeaderMetrics::grossGmvCents, "sum of PAID amounts"),
                required("refund_cents", bigint, LeaderMetrics::refundCents, "sum of REFUNDED amounts"),
                required("net_gmv_cents", bigint, LeaderMetrics::netGmvCents, "gross minus refunds"),
                required("orders", bigint, LeaderMetrics::orders, "PAID events"),
                required("buyers", bigint, LeaderMetrics::buyers, "distinct paying users"),
                required("new_members", bigint, LeaderMetrics::newMembers, "distinct users bound by SIGNED_UP"),
                required("groups_opened", bigint, LeaderMetrics::groupsOpened, null),
                required("groups_formed", bigint, LeaderMetrics::groupsFormed, null),
                required("groups_failed", bigint, LeaderMetrics::groupsFailed, null),
                optional("formation_rate", ratio, LeaderMetrics::formationRate, "formed / (formed + failed); null when none ended"),
                required("shares", bigint, LeaderMetrics::shares, "POSTER_SHARED"),
                required("scans", bigint, LeaderMetrics::scans, "SCANNED"),
                required("signups", bigint, LeaderMetrics::signups, "SIGNED_UP through a poster"),
                required("first_orders", bigint, LeaderMetrics::firstOrders, "members' first PAID order with the leader (or first after 30 days without one)"),
                optional("scan_rate", ratio, LeaderMetrics::scanRate, "scans / shares"),
                optional("signup_rate", ratio, LeaderMetrics::signupRate, "signups / scans"),
                optional("first_order_rate", ratio, LeaderMetrics::firstOrderRate, "first_orders / signups"));
    }

    private static List<Column<LeaderboardEntry>> leaderboardColumns() {
        return List.of(
                required("city", Types.StringType.get(), LeaderboardEntry::city, null),
                required("day", Types.DateType.get(), LeaderboardEntry::day, null),
                required("period_start", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.periodStart()), null),
                required("period_end", Types.TimestampType.withZone(), e -> Instant.ofEpochMilli(e.periodEnd()), null),
                required("rank", Types.IntegerType.get(), LeaderboardEntry::rank, "1 is the best"),
                required("leader_id", Types.StringType.get(), LeaderboardEntry::leaderId, null),
                required("net_gmv_cents", Types.LongType.get(), LeaderboardEntry::netGmvCents, null),
                required("orders", Types.LongType.get(), LeaderboardEntry::orders, null),
                required("buyers", Types.LongType.get(), LeaderboardEntry::buyers, null));
    }
}
