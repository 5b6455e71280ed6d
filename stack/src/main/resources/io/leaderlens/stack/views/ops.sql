-- Ops dashboards. Created (or replaced) by ./leaderlens up once the tables exist.
-- Money stays in integer cents in the tables; views add yuan as exact DECIMALs for people.

CREATE OR REPLACE VIEW iceberg.leaderlens.v_leader_daily AS
SELECT day, city, leader_id,
       gross_gmv_cents, refund_cents, net_gmv_cents,
       CAST(net_gmv_cents AS DECIMAL(20, 2)) / 100 AS net_gmv_yuan,
       orders, buyers, new_members,
       groups_opened, groups_formed, groups_failed, formation_rate,
       shares, scans, signups, first_orders, scan_rate, signup_rate, first_order_rate
FROM iceberg.leaderlens.leader_metrics_daily;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_leaders_latest_day AS
SELECT *
FROM iceberg.leaderlens.v_leader_daily
WHERE day = (SELECT max(day) FROM iceberg.leaderlens.leader_metrics_daily);

CREATE OR REPLACE VIEW iceberg.leaderlens.v_leaderboard_latest_day AS
SELECT day, city, rank, leader_id, net_gmv_cents,
       CAST(net_gmv_cents AS DECIMAL(20, 2)) / 100 AS net_gmv_yuan, orders, buyers
FROM iceberg.leaderlens.leaderboard_daily
WHERE day = (SELECT max(day) FROM iceberg.leaderlens.leaderboard_daily);

CREATE OR REPLACE VIEW iceberg.leaderlens.v_funnel_daily AS
SELECT day, city,
       sum(shares) AS shares, sum(scans) AS scans, sum(signups) AS signups, sum(first_orders) AS first_orders,
       CAST(sum(scans) AS DOUBLE) / nullif(sum(shares), 0) AS scan_rate,
       CAST(sum(signups) AS DOUBLE) / nullif(sum(scans), 0) AS signup_rate,
       CAST(sum(first_orders) AS DOUBLE) / nullif(sum(signups), 0) AS first_order_rate
FROM iceberg.leaderlens.leader_metrics_daily
GROUP BY day, city;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_group_formation_daily AS
SELECT day, city,
       sum(groups_opened) AS groups_opened, sum(groups_formed) AS groups_formed, sum(groups_failed) AS groups_failed,
       CAST(sum(groups_formed) AS DOUBLE) / nullif(sum(groups_formed) + sum(groups_failed), 0) AS formation_rate
FROM iceberg.leaderlens.leader_metrics_daily
GROUP BY day, city;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_data_quality AS
SELECT 'dead_letters' AS kind, reason AS detail, count(*) AS events FROM iceberg.leaderlens.dead_letters GROUP BY reason
UNION ALL
SELECT 'late_events', kind, count(*) FROM iceberg.leaderlens.late_events GROUP BY kind;
