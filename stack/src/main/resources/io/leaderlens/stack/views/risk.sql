-- Risk team's views over the fraud scoring job's tables. Created (or replaced) by ./leaderlens up.

CREATE OR REPLACE VIEW iceberg.leaderlens.v_alerts_by_reason AS
SELECT day, action, trim(split_part(reasons, '|', 1)) AS top_reason, count(*) AS alerts, sum(flagged_events) AS flagged_events
FROM iceberg.leaderlens.fraud_alerts
GROUP BY day, action, trim(split_part(reasons, '|', 1));

CREATE OR REPLACE VIEW iceberg.leaderlens.v_top_risky_leaders AS
SELECT leader_id, count(*) AS alerts, sum(flagged_events) AS flagged_events, max(max_score) AS max_score,
       bool_or(rule_violation) AS rule_violation,
       max_by(action, CASE action WHEN 'BLOCK' THEN 3 WHEN 'HOLD_COMMISSION' THEN 2 ELSE 1 END) AS strongest_action
FROM iceberg.leaderlens.fraud_alerts
GROUP BY leader_id;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_alert_volume_hourly AS
SELECT period_start, count(*) AS alerts, sum(flagged_events) AS flagged_events,
       count_if(action = 'BLOCK') AS blocks, count_if(action = 'HOLD_COMMISSION') AS holds
FROM iceberg.leaderlens.fraud_alerts
GROUP BY period_start;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_score_summary_daily AS
SELECT day, 'order' AS subject, model_version, count(*) AS scored, count_if(flagged) AS flagged, avg(score) AS mean_score
FROM iceberg.leaderlens.order_scores GROUP BY day, model_version
UNION ALL
SELECT day, 'member', model_version, count(*), count_if(flagged), avg(score)
FROM iceberg.leaderlens.member_scores GROUP BY day, model_version;
