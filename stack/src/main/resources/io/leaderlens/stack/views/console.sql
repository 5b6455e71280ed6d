-- Views behind the web console (./leaderlens dashboard) that the ops, risk and commission views do not cover yet.
-- Created (or replaced) by ./leaderlens up; {{timezone}} is the platform's time zone of the configuration.

-- Net GMV per hour of the platform's day and city, summed from the leader metrics job's minutes.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_gmv_hourly AS
SELECT day, hour(at_timezone(period_start, '{{timezone}}')) AS hour_of_day, city,
       sum(net_gmv_cents) AS net_gmv_cents, sum(orders) AS orders
FROM iceberg.leaderlens.leader_metrics_minute
GROUP BY day, hour(at_timezone(period_start, '{{timezone}}')), city;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_leaderboard_latest_hour AS
SELECT day, period_start, city, rank, leader_id, net_gmv_cents,
       CAST(net_gmv_cents AS DECIMAL(20, 2)) / 100 AS net_gmv_yuan, orders, buyers
FROM iceberg.leaderlens.leaderboard_hourly
WHERE period_start = (SELECT max(period_start) FROM iceberg.leaderlens.leaderboard_hourly);

-- Group buys by the size they were opened for (2/3/5/7 people): opened, formed, failed and the formation rate.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_group_formation_by_size AS
SELECT day, group_size,
       count_if(type = 'OPENED') AS groups_opened, count_if(type = 'FORMED') AS groups_formed,
       count_if(type = 'FAILED') AS groups_failed,
       CAST(count_if(type = 'FORMED') AS DOUBLE) / nullif(count_if(type IN ('FORMED', 'FAILED')), 0) AS formation_rate
FROM iceberg.leaderlens.events_group_buy
GROUP BY day, group_size;

-- Sales per category with the leader metrics' definition (LeaderMetricsAccumulator): paid amounts count on the day
-- paid, refunds on the day refunded, net = paid - refunded.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_sales_by_category_daily AS
SELECT day, city, category,
       coalesce(sum(amount_cents) FILTER (WHERE type = 'PAID'), 0) AS paid_cents,
       coalesce(sum(amount_cents) FILTER (WHERE type = 'REFUNDED'), 0) AS refund_cents,
       coalesce(sum(amount_cents) FILTER (WHERE type = 'PAID'), 0) - coalesce(sum(amount_cents) FILTER (WHERE type = 'REFUNDED'), 0) AS net_cents,
       count_if(type = 'PAID') AS orders
FROM iceberg.leaderlens.events_order
WHERE type IN ('PAID', 'REFUNDED')
GROUP BY day, city, category;

-- Alerts as they stand (open ones too), without the flagged subjects' ids.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_fraud_alerts AS
SELECT alert_id, leader_id, period_start, period_end, day, status, opened_at, changed_at, flagged_events, max_score, model_version,
       reasons, action, rule_violation, subsidy_at_risk_cents
FROM iceberg.leaderlens.v_fraud_alerts_live;

-- Each model version as trained (./leaderlens train) and each version or threshold the scoring job was told to use.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_model_history AS
SELECT created_at AS changed_at, subject, version, threshold, 'train' AS changed_by,
       'trained: AUC ' || coalesce(format('%.3f', auc), '?') || ', precision at threshold '
           || coalesce(format('%.3f', precision_at_threshold), '?') AS what
FROM iceberg.leaderlens.model_registry
UNION ALL
SELECT changed_at, subject, version, threshold, changed_by, 'put in force: ' || reason
FROM iceberg.leaderlens.model_changes;

-- A leader's members (who paid at least once at their pickup point), for the leader workspace.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_leader_members AS
SELECT leader_id, user_id, count_if(type = 'PAID') AS paid_orders,
       coalesce(sum(amount_cents) FILTER (WHERE type = 'PAID'), 0) - coalesce(sum(amount_cents) FILTER (WHERE type = 'REFUNDED'), 0) AS net_cents,
       min(day) FILTER (WHERE type = 'PAID') AS first_paid_day, max(day) FILTER (WHERE type = 'PAID') AS last_paid_day
FROM iceberg.leaderlens.events_order
GROUP BY leader_id, user_id
HAVING count_if(type = 'PAID') > 0;

-- The leaders a leader recruited (RECRUITED: leader_id is the new leader, upline_leader_id who recruited them).
CREATE OR REPLACE VIEW iceberg.leaderlens.v_leader_recruits AS
SELECT upline_leader_id AS leader_id, leader_id AS recruited_leader_id, city, min(day) AS recruited_day
FROM iceberg.leaderlens.events_referral
WHERE type = 'RECRUITED' AND upline_leader_id IS NOT NULL
GROUP BY upline_leader_id, leader_id, city;
