-- Risk team's views over the fraud scoring job's tables. Created (or replaced) by ./leaderlens up.

-- Each alert as it stands now: the newest change of every alert id (OPEN or UPDATED while its hour runs, CLOSED
-- after). What the risk team watches live; fraud_alerts holds the closed ones.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_fraud_alerts_live AS
SELECT alert_id, leader_id, period_start, period_end, day, status, revision, opened_at, changed_at, flagged_events, max_score,
       model_version, reasons, action, previous_action, rule_violation, subjects, subsidy_at_risk_cents
FROM (SELECT c.*, row_number() OVER (PARTITION BY alert_id ORDER BY revision DESC) AS newest
      FROM iceberg.leaderlens.fraud_alert_changes c)
WHERE newest = 1;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_alerts_by_reason AS
SELECT day, action, trim(split_part(reasons, '|', 1)) AS top_reason, count(*) AS alerts, sum(flagged_events) AS flagged_events
FROM iceberg.leaderlens.fraud_alerts
GROUP BY day, action, trim(split_part(reasons, '|', 1));

CREATE OR REPLACE VIEW iceberg.leaderlens.v_top_risky_leaders AS
SELECT leader_id, count(*) AS alerts, sum(flagged_events) AS flagged_events, max(max_score) AS max_score,
       bool_or(rule_violation) AS rule_violation, sum(subsidy_at_risk_cents) AS subsidy_at_risk_cents,
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

-- Each alert against the known outcomes (fraud_labels): confirmed when a flagged subject or its leader is
-- labelled; the scenario says which fraud. Alerts raised before the labels came in are judged as they arrive.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_alert_outcomes AS
WITH subject_hits AS (
    -- subjects are listed as <subject>:<id>, e.g. member:u16-1034
    SELECT a.alert_id, min(l.scenario) AS scenario
    FROM iceberg.leaderlens.fraud_alerts a
    CROSS JOIN UNNEST(split(a.subjects, ',')) AS s(flagged)
    JOIN iceberg.leaderlens.fraud_labels l ON l.subject = split_part(s.flagged, ':', 1) AND l.subject_id = split_part(s.flagged, ':', 2)
    GROUP BY a.alert_id
), leader_hits AS (
    SELECT a.alert_id, min(l.scenario) AS scenario
    FROM iceberg.leaderlens.fraud_alerts a
    JOIN iceberg.leaderlens.fraud_labels l ON l.subject = 'leader' AND l.subject_id = a.leader_id
    GROUP BY a.alert_id
)
SELECT a.alert_id, a.day, a.period_start, a.leader_id, a.action, a.rule_violation, a.flagged_events, a.model_version,
       coalesce(s.scenario, l.scenario) AS scenario,
       s.scenario IS NOT NULL OR l.scenario IS NOT NULL AS confirmed
FROM iceberg.leaderlens.fraud_alerts a
LEFT JOIN subject_hits s ON s.alert_id = a.alert_id
LEFT JOIN leader_hits l ON l.alert_id = a.alert_id;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_alert_precision_daily AS
SELECT day, model_version, count(*) AS alerts, count_if(confirmed) AS confirmed,
       CAST(count_if(confirmed) AS DOUBLE) / count(*) AS precision
FROM iceberg.leaderlens.v_alert_outcomes
GROUP BY day, model_version;

-- Labelled fraud nothing flagged: no flagged score of the order or member, no alert on the leader. Refund-only
-- abuse is judged on the member at the claim (an order looks ordinary when paid), so its orders are not counted.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_missed_labels AS
SELECT l.subject, l.subject_id, l.scenario, l.labelled_at
FROM iceberg.leaderlens.fraud_labels l
WHERE NOT (l.subject = 'order' AND l.scenario = 'refund_abuse')
  AND NOT (l.subject = 'order' AND EXISTS (SELECT 1 FROM iceberg.leaderlens.order_scores s WHERE s.subject_id = l.subject_id AND s.flagged))
  AND NOT (l.subject = 'member' AND EXISTS (SELECT 1 FROM iceberg.leaderlens.member_scores s WHERE s.subject_id = l.subject_id AND s.flagged))
  AND NOT (l.subject = 'leader' AND EXISTS (SELECT 1 FROM iceberg.leaderlens.fraud_alerts a WHERE a.leader_id = l.subject_id));

-- The unusual that nobody flagged: highest anomaly scores below the alert threshold, for patterns no label covers yet.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_unusual_unflagged AS
SELECT 'order' AS subject, subject_id, leader_id, event_time, anomaly_score, score, model_version
FROM iceberg.leaderlens.order_scores WHERE NOT flagged AND anomaly_score IS NOT NULL
UNION ALL
SELECT 'member', subject_id, leader_id, event_time, anomaly_score, score, model_version
FROM iceberg.leaderlens.member_scores WHERE NOT flagged AND anomaly_score IS NOT NULL;

-- Alert volume against the alert budget each model's threshold was chosen in (model_registry): per day, the
-- subjects alerted against at most max_alert_rate of the subjects scored and at most review_capacity_per_day.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_alert_budget_daily AS
WITH budget AS (
    SELECT version_name, arbitrary(max_alert_rate) AS max_alert_rate, arbitrary(review_capacity_per_day) AS review_capacity_per_day
    FROM iceberg.leaderlens.model_registry GROUP BY version_name
), per_day AS (
    SELECT day, 'order' AS subject, model_version, count(DISTINCT subject_id) AS scored_subjects,
           count(DISTINCT CASE WHEN flagged THEN subject_id END) AS alerted_subjects
    FROM iceberg.leaderlens.order_scores GROUP BY day, model_version
    UNION ALL
    SELECT day, 'member', model_version, count(DISTINCT subject_id), count(DISTINCT CASE WHEN flagged THEN subject_id END)
    FROM iceberg.leaderlens.member_scores GROUP BY day, model_version
)
SELECT p.day, p.subject, p.model_version, p.scored_subjects, p.alerted_subjects,
       CAST(p.alerted_subjects AS DOUBLE) / p.scored_subjects AS alert_rate,
       b.max_alert_rate, b.review_capacity_per_day,
       least(floor(b.max_alert_rate * p.scored_subjects), b.review_capacity_per_day) AS budget_alerts,
       p.alerted_subjects <= least(floor(b.max_alert_rate * p.scored_subjects), b.review_capacity_per_day) AS within_budget
FROM per_day p LEFT JOIN budget b ON b.version_name = p.model_version;

-- Score drift: each day's scores against the held-out scores the model was calibrated on (model_registry's
-- decile edges and shares), as a population stability index; a subject counts once a day, at its highest score.
-- Binning as PopulationStability: bin = 1 + number of edges <= score, shares floored at 1e-4.
-- Below 0.1 stable, 0.1 to 0.25 watch, above 0.25 retrain.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_score_drift_daily AS
WITH baseline AS (
    SELECT version_name, CAST(json_parse(arbitrary(score_bin_edges)) AS array(double)) AS edges,
           CAST(json_parse(arbitrary(score_bin_shares)) AS array(double)) AS shares
    FROM iceberg.leaderlens.model_registry WHERE score_bin_edges IS NOT NULL GROUP BY version_name
), subject_scores AS (
    SELECT day, 'order' AS subject, model_version, subject_id, max(score) AS score
    FROM iceberg.leaderlens.order_scores GROUP BY day, model_version, subject_id
    UNION ALL
    SELECT day, 'member', model_version, subject_id, max(score)
    FROM iceberg.leaderlens.member_scores GROUP BY day, model_version, subject_id
), counts AS (
    SELECT day, subject, model_version, map_agg(bin, n) AS n_by_bin, sum(n) AS scored
    FROM (SELECT s.day, s.subject, s.model_version, 1 + cardinality(filter(b.edges, e -> e <= s.score)) AS bin, count(*) AS n
          FROM subject_scores s JOIN baseline b ON b.version_name = s.model_version
          GROUP BY s.day, s.subject, s.model_version, 1 + cardinality(filter(b.edges, e -> e <= s.score)))
    GROUP BY day, subject, model_version
), psi AS (
    SELECT c.day, c.subject, c.model_version, c.scored AS scored_subjects,
           reduce(sequence(1, cardinality(b.shares)), DOUBLE '0',
                  (total, i) -> total
                          + (greatest(CAST(coalesce(element_at(c.n_by_bin, i), 0) AS DOUBLE) / c.scored, 1e-4) - greatest(b.shares[i], 1e-4))
                          * ln(greatest(CAST(coalesce(element_at(c.n_by_bin, i), 0) AS DOUBLE) / c.scored, 1e-4) / greatest(b.shares[i], 1e-4)),
                  total -> total) AS score_psi
    FROM counts c JOIN baseline b ON b.version_name = c.model_version
)
SELECT day, subject, model_version, scored_subjects, score_psi,
       CASE WHEN score_psi > 0.25 THEN 'retrain' WHEN score_psi >= 0.1 THEN 'watch' ELSE 'stable' END AS status
FROM psi;

-- Feature drift: for each feature the model's training watched (model_registry.feature_bin_edges / _shares: deciles
-- of the held-out rows' values), each day's sampled rows (order_scores / member_scores.feature_sample, a fixed
-- one-in-eight sample by event id) against them, as a population stability index. Binned as v_score_drift_daily.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_feature_drift_daily AS
WITH baseline AS (
    SELECT version_name, CAST(json_parse(arbitrary(feature_bin_edges)) AS map(varchar, array(double))) AS edges,
           CAST(json_parse(arbitrary(feature_bin_shares)) AS map(varchar, array(double))) AS shares
    FROM iceberg.leaderlens.model_registry WHERE feature_bin_edges IS NOT NULL GROUP BY version_name
), samples AS (
    SELECT day, 'order' AS subject, model_version, CAST(json_parse(feature_sample) AS map(varchar, double)) AS f
    FROM iceberg.leaderlens.order_scores WHERE feature_sample IS NOT NULL
    UNION ALL
    SELECT day, 'member', model_version, CAST(json_parse(feature_sample) AS map(varchar, double))
    FROM iceberg.leaderlens.member_scores WHERE feature_sample IS NOT NULL
), binned AS (
    SELECT s.day, s.subject, s.model_version, w.feature,
           1 + cardinality(filter(element_at(b.edges, w.feature), e -> e <= element_at(s.f, w.feature))) AS bin
    FROM samples s JOIN baseline b ON b.version_name = s.model_version
    CROSS JOIN UNNEST(map_keys(b.edges)) AS w(feature)
    WHERE element_at(s.f, w.feature) IS NOT NULL
), counts AS (
    SELECT day, subject, model_version, feature, map_agg(bin, n) AS n_by_bin, sum(n) AS sampled
    FROM (SELECT day, subject, model_version, feature, bin, count(*) AS n FROM binned GROUP BY day, subject, model_version, feature, bin)
    GROUP BY day, subject, model_version, feature
), psi AS (
    SELECT c.day, c.subject, c.model_version, c.feature, c.sampled AS sampled_rows,
           reduce(sequence(1, cardinality(element_at(b.shares, c.feature))), DOUBLE '0',
                  (total, i) -> total
                          + (greatest(CAST(coalesce(element_at(c.n_by_bin, i), 0) AS DOUBLE) / c.sampled, 1e-4)
                             - greatest(element_at(b.shares, c.feature)[i], 1e-4))
                          * ln(greatest(CAST(coalesce(element_at(c.n_by_bin, i), 0) AS DOUBLE) / c.sampled, 1e-4)
                               / greatest(element_at(b.shares, c.feature)[i], 1e-4)),
                  total -> total) AS feature_psi
    FROM counts c JOIN baseline b ON b.version_name = c.model_version
)
SELECT day, subject, model_version, feature, sampled_rows, feature_psi,
       CASE WHEN feature_psi > 0.25 THEN 'retrain' WHEN feature_psi >= 0.1 THEN 'watch' ELSE 'stable' END AS status
FROM psi;
