package io.leaderlens.console;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.List;

/**
 * What the console shows: the ops, risk and commission pages and the leader workspace, each panel one query of the
 * views in {@code iceberg.leaderlens} (stack/…/views/*.sql). "Today" is the newest day in the data: the simulator's
 * clock, not the wall clock.
 */
public final class ConsolePages {
    private static final String S = "iceberg.leaderlens.";

    private final ZoneId zone;
    private final List<Page> shared;

    /** @param zone the platform's time zone: times are shown on its clock */
    public ConsolePages(ZoneId zone) {
        this.zone = requireNonNull(zone, "zone");
        this.shared = List.of(ops(), sales(), marketing(), risk(), commissions());
    }

    /** A timestamp column as people read it: minutes on the platform's clock. */
    private String minutes(String column) {
        return "format_datetime(at_timezone(" + column + ", '" + zone.getId() + "'), 'yyyy-MM-dd HH:mm')";
    }

    /** The pages every console user shares, in navigation order. */
    public List<Page> shared() {
        return shared;
    }

    /** What a group leader sees in their app; the queries name no leader: Trino's row filter keeps their own rows. */
    public Page leaderWorkspace(String leaderId) {
        return new Page("leaders/" + leaderId, "Leader workspace · " + leaderId, "group leader", List.of(
                new Panel("my-latest-day", "My latest day: orders and net GMV", """
                        SELECT day, orders, buyers, new_members, net_gmv_yuan
                        FROM %1$sv_leader_daily WHERE day = (SELECT max(day) FROM %1$sv_leader_daily)""".formatted(S),
                        Chart.stats(), List.of("leader_metrics_daily")),
                new Panel("my-gmv", "My net GMV per day (yuan)", """
                        SELECT CAST(day AS varchar) AS day, net_gmv_yuan FROM %1$sv_leader_daily ORDER BY day""".formatted(S),
                        Chart.line("day", "net_gmv_yuan"), List.of("leader_metrics_daily")),
                new Panel("my-rank", "My rank in my city (days I was in the top 10)", """
                        SELECT day, city, rank, CAST(net_gmv_cents AS DECIMAL(20, 2)) / 100 AS net_gmv_yuan, orders
                        FROM %1$sleaderboard_daily ORDER BY day DESC LIMIT 14""".formatted(S),
                        Chart.table(), List.of("leaderboard_daily")),
                new Panel("my-commission", "My commission (yuan): pending, frozen, credited, held", """
                        SELECT CAST(pending_cents AS DECIMAL(20, 2)) / 100 AS pending_yuan,
                               CAST(frozen_cents AS DECIMAL(20, 2)) / 100 AS frozen_yuan,
                               CAST(credited_cents AS DECIMAL(20, 2)) / 100 AS credited_yuan,
                               CAST(held_cents AS DECIMAL(20, 2)) / 100 AS held_yuan
                        FROM %sleader_balances""".formatted(S),
                        Chart.stats(), List.of("commission_ledger")),
                new Panel("my-held", "Commission on hold, and why", """
                        SELECT line_id, kind, CAST(held_cents AS DECIMAL(20, 2)) / 100 AS held_yuan, why
                        FROM %sv_held_commission ORDER BY held_cents DESC LIMIT 20""".formatted(S),
                        Chart.table(), List.of("commission_ledger")),
                new Panel("my-posters", "My posters' funnel, last 7 days", """
                        SELECT t.step, t.people FROM (
                            SELECT sum(shares) AS shares, sum(scans) AS scans, sum(signups) AS signups, sum(first_orders) AS first_orders
                            FROM %1$sv_leader_daily WHERE day > (SELECT max(day) FROM %1$sv_leader_daily) - INTERVAL '7' DAY)
                        CROSS JOIN UNNEST(ARRAY['shared', 'scanned', 'signed up', 'first order'],
                                          ARRAY[shares, scans, signups, first_orders]) AS t(step, people)""".formatted(S),
                        Chart.bar("step", "people"), List.of("leader_metrics_daily")),
                new Panel("my-pickups", "My pickup point: goods arrived, picked up, not collected after two days", """
                        SELECT CAST(day AS varchar) AS day, arrived, picked_up, uncollected_after_2_days, median_wait_minutes
                        FROM %sv_pickup_daily ORDER BY day DESC LIMIT 14""".formatted(S),
                        Chart.table(), List.of("events_order")),
                new Panel("my-members", "My members (latest buyers first)", """
                        SELECT user_id, paid_orders, CAST(net_cents AS DECIMAL(20, 2)) / 100 AS net_yuan, first_paid_day, last_paid_day
                        FROM %sv_leader_members ORDER BY last_paid_day DESC, net_cents DESC, user_id LIMIT 20""".formatted(S),
                        Chart.table(), List.of("events_order")),
                new Panel("my-recruits", "Leaders I recruited", """
                        SELECT recruited_leader_id, city, recruited_day FROM %sv_leader_recruits
                        ORDER BY recruited_day DESC, recruited_leader_id""".formatted(S),
                        Chart.table(), List.of("events_referral"))));
    }

    private Page ops() {
        return new Page("ops", "Operations", "ops", List.of(
                new Panel("gmv-by-hour", "Today's net GMV by hour (yuan), against the same hour a week before", """
                        WITH latest AS (SELECT max(day) AS today FROM %1$sv_gmv_hourly)
                        SELECT h.hour_of_day AS hour,
                               CAST(sum(h.net_gmv_cents) FILTER (WHERE h.day = latest.today) AS DECIMAL(20, 2)) / 100 AS today_yuan,
                               CAST(sum(h.net_gmv_cents) FILTER (WHERE h.day = latest.today - INTERVAL '7' DAY) AS DECIMAL(20, 2)) / 100
                                   AS week_before_yuan
                        FROM %1$sv_gmv_hourly h CROSS JOIN latest
                        WHERE h.day IN (latest.today, latest.today - INTERVAL '7' DAY)
                        GROUP BY h.hour_of_day ORDER BY h.hour_of_day""".formatted(S),
                        Chart.line("hour", "today_yuan", "week_before_yuan"), List.of("leader_metrics_minute")),
                new Panel("leaderboard-hour", "Leaderboard per city, latest hour", """
                        SELECT city, rank, leader_id, net_gmv_yuan, orders, buyers, %s AS hour
                        FROM %sv_leaderboard_latest_hour ORDER BY city, rank""".formatted(minutes("period_start"), S),
                        Chart.ranking("rank", "city", "leader_id"), List.of("leaderboard_hourly")),
                new Panel("leaderboard-day", "Leaderboard per city, latest day", """
                        SELECT city, rank, leader_id, net_gmv_yuan, orders, buyers, day
                        FROM %sv_leaderboard_latest_day ORDER BY city, rank""".formatted(S),
                        Chart.ranking("rank", "city", "leader_id"), List.of("leaderboard_daily")),
                new Panel("referral-funnel", "Referral funnel per city, latest day: shared → scanned → signed up → first order", """
                        SELECT city, shares, scans, signups, first_orders FROM %1$sv_funnel_daily
                        WHERE day = (SELECT max(day) FROM %1$sv_funnel_daily) ORDER BY city""".formatted(S),
                        Chart.bar("city", "shares", "scans", "signups", "first_orders"), List.of("leader_metrics_daily")),
                new Panel("channel-funnel", "Referral funnel per channel, last 7 days: shared → scanned → signed up → first order", """
                        SELECT channel, sum(shares) AS shares, sum(scans) AS scans, sum(signups) AS signups, sum(first_orders) AS first_orders
                        FROM %1$sv_channel_funnel_daily
                        WHERE day > (SELECT max(day) FROM %1$sv_channel_funnel_daily) - INTERVAL '7' DAY
                        GROUP BY channel ORDER BY shares DESC, channel""".formatted(S),
                        Chart.bar("channel", "shares", "scans", "signups", "first_orders"), List.of("events_referral", "events_order")),
                new Panel("formation-by-size", "Group buys by size, latest day: opened, formed, failed", """
                        SELECT CAST(group_size AS varchar) AS group_size, groups_opened, groups_formed, groups_failed
                        FROM %1$sv_group_formation_by_size
                        WHERE day = (SELECT max(day) FROM %1$sv_group_formation_by_size) ORDER BY group_size""".formatted(S),
                        Chart.bar("group_size", "groups_opened", "groups_formed", "groups_failed"), List.of("events_group_buy")),
                new Panel("formation-rate", "Formation rate by group size, all days", """
                        SELECT CAST(group_size AS varchar) AS group_size,
                               CAST(sum(groups_formed) AS DOUBLE) / nullif(sum(groups_formed) + sum(groups_failed), 0) AS formation_rate
                        FROM %sv_group_formation_by_size GROUP BY group_size ORDER BY group_size""".formatted(S),
                        Chart.bar("group_size", "formation_rate"), List.of("events_group_buy")),
                new Panel("sales-by-category", "Net sales by category, latest day (yuan)", """
                        SELECT category, CAST(sum(net_cents) AS DECIMAL(20, 2)) / 100 AS net_yuan, sum(orders) AS orders
                        FROM %1$sv_sales_by_category_daily WHERE day = (SELECT max(day) FROM %1$sv_sales_by_category_daily)
                        GROUP BY category ORDER BY net_yuan DESC""".formatted(S),
                        Chart.bar("category", "net_yuan"), List.of("events_order")),
                new Panel("data-quality", "Data quality: dead letters and late events", """
                        SELECT kind, detail, events FROM %sv_data_quality ORDER BY events DESC""".formatted(S),
                        Chart.table(), List.of("dead_letters", "late_events"))));
    }

    /** The seed documents' reports: sales and member behaviour, pickup logistics, channel attribution. */
    private Page sales() {
        return new Page("sales", "Sales & members", "ops", List.of(
                new Panel("sales-by-hour", "Paid sales by hour of day, last 7 days (yuan)", """
                        SELECT hour_of_day AS hour, CAST(sum(paid_cents) AS DECIMAL(20, 2)) / 100 AS paid_yuan, sum(orders) AS orders
                        FROM %1$sv_sales_by_hour WHERE day > (SELECT max(day) FROM %1$sv_sales_by_hour) - INTERVAL '7' DAY
                        GROUP BY hour_of_day ORDER BY hour_of_day""".formatted(S),
                        Chart.bar("hour", "paid_yuan"), List.of("events_order")),
                new Panel("top-products", "Top products, last 7 days", """
                        SELECT product_id, category, sum(orders) AS orders, sum(units) AS units,
                               CAST(sum(paid_cents) AS DECIMAL(20, 2)) / 100 AS paid_yuan
                        FROM %1$sv_product_sales_daily WHERE day > (SELECT max(day) FROM %1$sv_product_sales_daily) - INTERVAL '7' DAY
                        GROUP BY product_id, category ORDER BY paid_yuan DESC, product_id LIMIT 15""".formatted(S),
                        Chart.table(), List.of("events_order")),
                new Panel("cohort-repurchase", "Members by signup week: repurchase rate (two or more paid orders / buyers)", """
                        SELECT CAST(cohort_week AS varchar) AS cohort_week, repurchase_rate
                        FROM %sv_member_cohorts ORDER BY cohort_week DESC LIMIT 12""".formatted(S),
                        Chart.bar("cohort_week", "repurchase_rate"), List.of("events_referral", "events_order")),
                new Panel("cohorts", "Cohorts: members, buyers, average order value, orders per buyer, stopped buying", """
                        SELECT CAST(cohort_week AS varchar) AS cohort_week, members, buyers, repeat_buyers,
                               round(repurchase_rate, 3) AS repurchase_rate, avg_order_yuan, round(orders_per_buyer, 2) AS orders_per_buyer,
                               stopped_buying
                        FROM %sv_member_cohorts ORDER BY cohort_week DESC LIMIT 12""".formatted(S),
                        Chart.table(), List.of("events_referral", "events_order")),
                new Panel("category-preferences", "Category preferences: share of each city's paid sales", """
                        SELECT city, category, round(share_of_city, 3) AS share_of_city, buyers
                        FROM %sv_category_preferences ORDER BY city, share_of_city DESC""".formatted(S),
                        Chart.table(), List.of("events_order")),
                new Panel("pickup-wait", "Goods arrived → picked up: median and 90th percentile wait per day (minutes)", """
                        SELECT CAST(arrival_day AS varchar) AS day, approx_percentile(wait_minutes, 0.5) AS median_minutes,
                               approx_percentile(wait_minutes, 0.9) AS p90_minutes
                        FROM %1$sv_pickups WHERE arrival_day > (SELECT max(arrival_day) FROM %1$sv_pickups) - INTERVAL '14' DAY
                        GROUP BY arrival_day ORDER BY arrival_day""".formatted(S),
                        Chart.line("day", "median_minutes", "p90_minutes"), List.of("events_order")),
                new Panel("pickup-points", "Pickup points with goods not collected after two days, last 7 days", """
                        SELECT pickup_point_id, leader_id, city, sum(arrived) AS arrived, sum(picked_up) AS picked_up,
                               sum(uncollected_after_2_days) AS uncollected_after_2_days,
                               round(CAST(sum(picked_up) AS DOUBLE) / sum(arrived), 3) AS completion_rate
                        FROM %1$sv_pickup_daily WHERE day > (SELECT max(day) FROM %1$sv_pickup_daily) - INTERVAL '7' DAY
                        GROUP BY pickup_point_id, leader_id, city
                        ORDER BY uncollected_after_2_days DESC, completion_rate, pickup_point_id LIMIT 20""".formatted(S),
                        Chart.table(), List.of("events_order"))));
    }

    /**
     * What the subsidies cost and buy: discounts per kind and campaign, flash sales against their baseline and their
     * stock, coupons from issue to redemption.
     */
    private Page marketing() {
        return new Page("marketing", "Marketing", "ops", List.of(
                new Panel("subsidy-by-kind", "Subsidy by kind, last 7 days (yuan)", """
                        SELECT kind, sum(subsidy_yuan) AS subsidy_yuan, sum(orders) AS orders
                        FROM %1$sv_subsidy_daily WHERE day > (SELECT max(day) FROM %1$sv_subsidy_daily) - INTERVAL '7' DAY
                        GROUP BY kind ORDER BY subsidy_yuan DESC""".formatted(S),
                        Chart.bar("kind", "subsidy_yuan"), List.of("events_order")),
                new Panel("campaigns", "Campaigns, last 7 days: orders, subsidy, coupons redeemed", """
                        SELECT campaign_id, kind, sum(orders) AS orders, sum(subsidy_yuan) AS subsidy_yuan, sum(coupons_redeemed) AS coupons
                        FROM %1$sv_subsidy_daily WHERE day > (SELECT max(day) FROM %1$sv_subsidy_daily) - INTERVAL '7' DAY
                        GROUP BY campaign_id, kind ORDER BY subsidy_yuan DESC, campaign_id LIMIT 20""".formatted(S),
                        Chart.table(), List.of("events_order")),
                new Panel("flash-sales", "Flash sales against the same category and hour on other days", """
                        SELECT campaign_id, category, orders, round(baseline_orders, 1) AS baseline_orders,
                               CAST(gmv_cents AS DECIMAL(20, 2)) / 100 AS gmv_yuan,
                               CAST(baseline_gmv_cents / 100 AS DECIMAL(20, 2)) AS baseline_gmv_yuan, subsidy_yuan,
                               round(subsidy_per_incremental_yuan, 2) AS subsidy_per_incremental_yuan
                        FROM %sv_flash_sale_roi ORDER BY day DESC, hour_of_day DESC LIMIT 14""".formatted(S),
                        Chart.table(), List.of("events_order")),
                new Panel("flash-sale-stock", "Flash sales: stock, units sold, sell-through, minutes to sell out", """
                        SELECT campaign_id, category, stock_units, units_claimed, units_paid, round(sell_through, 3) AS sell_through,
                               round(minutes_to_sell_out, 1) AS minutes_to_sell_out
                        FROM %sv_flash_sale_sell_through ORDER BY day DESC, hour_of_day DESC LIMIT 14""".formatted(S),
                        Chart.table(), List.of("events_campaign", "events_order")),
                new Panel("new-user-coupons", "New users paying again within 30 days, by the coupon on their first order", """
                        SELECT CASE WHEN with_coupon THEN 'new-user coupon' ELSE 'no coupon' END AS first_order,
                               sum(new_users) AS new_users, sum(paid_again_within_30d) AS paid_again,
                               round(CAST(sum(paid_again_within_30d) AS DOUBLE) / sum(new_users), 3) AS conversion
                        FROM %sv_new_user_coupon_conversion GROUP BY with_coupon ORDER BY first_order""".formatted(S),
                        Chart.bar("first_order", "conversion"), List.of("events_order", "events_referral")),
                new Panel("coupon-funnel", "Coupons issued in the last 14 days: redeemed, expired, still open", """
                        SELECT reason, campaign_id, sum(issued) AS issued, sum(redeemed) AS redeemed, sum(expired) AS expired,
                               sum(still_open) AS still_open, round(CAST(sum(redeemed) AS DOUBLE) / sum(issued), 3) AS redemption_rate,
                               round(sum(avg_hours_to_redeem * redeemed) / nullif(sum(redeemed), 0), 1) AS avg_hours_to_redeem
                        FROM %1$sv_coupon_funnel WHERE day > (SELECT max(day) FROM %1$sv_coupon_funnel) - INTERVAL '14' DAY
                        GROUP BY reason, campaign_id ORDER BY issued DESC, campaign_id""".formatted(S),
                        Chart.table(), List.of("events_coupon")),
                new Panel("subsidised-share", "Share of list value the platform paid, latest day", """
                        SELECT sum(paid_orders) AS paid_orders, CAST(sum(list_cents) AS DECIMAL(20, 2)) / 100 AS list_yuan,
                               CAST(sum(paid_cents) AS DECIMAL(20, 2)) / 100 AS paid_yuan, sum(points_redeemed) AS points_redeemed,
                               round(CAST(sum(list_cents - paid_cents) AS DOUBLE) / sum(list_cents), 3) AS subsidised_share
                        FROM %1$sv_points_daily WHERE day = (SELECT max(day) FROM %1$sv_points_daily)""".formatted(S),
                        Chart.stats(), List.of("events_order"))));
    }

    private Page risk() {
        return new Page("risk", "Risk", "risk team", List.of(
                new Panel("newest-alerts", "Fraud alerts as they stand: open ones update live, newest hour first", """
                        SELECT %s AS hour, leader_id, status, action, flagged_events, round(max_score, 3) AS max_score,
                               CAST(subsidy_at_risk_cents AS DECIMAL(20, 2)) / 100 AS subsidy_at_risk_yuan, reasons, model_version
                        FROM %sv_fraud_alerts ORDER BY period_start DESC, status = 'CLOSED', max_score DESC, alert_id LIMIT 30"""
                        .formatted(minutes("period_start"), S), Chart.table(), List.of("fraud_alert_changes")),
                new Panel("alert-budget", "Subjects alerted per day against the alert budget", """
                        SELECT CAST(day AS varchar) AS day, sum(alerted_subjects) AS alerted, sum(budget_alerts) AS budget
                        FROM %sv_alert_budget_daily GROUP BY day ORDER BY day""".formatted(S),
                        Chart.bar("day", "alerted", "budget"), List.of("order_scores", "member_scores")),
                new Panel("alert-volume", "Alerts per hour: all, commission holds, blocks", """
                        SELECT %s AS hour, alerts, holds, blocks
                        FROM %sv_alert_volume_hourly ORDER BY period_start""".formatted(minutes("period_start"), S),
                        Chart.line("hour", "alerts", "holds", "blocks"), List.of("fraud_alerts")),
                new Panel("alert-precision", "Precision of past alerts per day (confirmed by labels)", """
                        SELECT CAST(day AS varchar) AS day, CAST(sum(confirmed) AS DOUBLE) / sum(alerts) AS precision
                        FROM %sv_alert_precision_daily GROUP BY day ORDER BY day""".formatted(S),
                        Chart.line("day", "precision"), List.of("fraud_alerts", "fraud_labels")),
                new Panel("model-changes", "Model versions and threshold changes", """
                        SELECT %s AS changed_at, subject, version, round(threshold, 4) AS threshold, changed_by, what
                        FROM %sv_model_history ORDER BY v_model_history.changed_at DESC, subject LIMIT 20""".formatted(minutes("changed_at"), S),
                        Chart.table(), List.of("model_registry", "model_changes"))));
    }

    private Page commissions() {
        return new Page("commissions", "Commissions", "finance", List.of(
                new Panel("payouts", "Payouts per settlement period (yuan)", """
                        SELECT period, payout_yuan, leaders FROM %sv_commission_payouts ORDER BY period_start""".formatted(S),
                        Chart.bar("period", "payout_yuan"), List.of("settlement_statements")),
                new Panel("top-earners", "Top earners: credited commission (yuan)", """
                        SELECT leader_id, CAST(credited_cents AS DECIMAL(20, 2)) / 100 AS credited_yuan,
                               CAST(held_cents AS DECIMAL(20, 2)) / 100 AS held_yuan
                        FROM %sv_top_earners ORDER BY credited_cents DESC, leader_id LIMIT 15""".formatted(S),
                        Chart.bar("leader_id", "credited_yuan", "held_yuan"), List.of("commission_ledger")),
                new Panel("held", "Commission on hold, and why", """
                        SELECT leader_id, selling_leader_id, kind, CAST(held_cents AS DECIMAL(20, 2)) / 100 AS held_yuan, why
                        FROM %sv_held_commission ORDER BY held_cents DESC, line_id LIMIT 20""".formatted(S),
                        Chart.table(), List.of("commission_ledger")),
                new Panel("rate-changes", "Rate changes with their reasons", """
                        SELECT %s AS valid_from, leader_id, category, previous_rate, rate, reasons
                        FROM %sv_rate_changes ORDER BY v_rate_changes.valid_from DESC, leader_id, category LIMIT 30""".formatted(minutes("valid_from"), S),
                        Chart.table(), List.of("commission_rate_changes"))));
    }
}
