-- Commission views over the commission job's tables and the settlements. Created (or replaced) by ./leaderlens up.

-- The rate history with its validity: "which rate applied to order X" is a join on rate_id (or on time).
CREATE OR REPLACE VIEW iceberg.leaderlens.commission_rates AS
SELECT leader_id, category, rate, valid_from,
       lead(valid_from) OVER (PARTITION BY leader_id, category ORDER BY valid_from, version) AS valid_to,
       version, rate_id, base_rate, level, level_multiplier, performance_factor, risk_factor, rate_card_version,
       reason_codes, reasons
FROM iceberg.leaderlens.commission_rate_changes;

-- Each leader's balances: the sum of the ledger's entries per bucket (double entry: always consistent).
CREATE OR REPLACE VIEW iceberg.leaderlens.leader_balances AS
SELECT beneficiary_leader_id AS leader_id,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'PENDING'), 0) AS pending_cents,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'FROZEN'), 0) AS frozen_cents,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'CREDITED'), 0) AS credited_cents,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'HELD'), 0) AS held_cents,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'CLAWED_BACK'), 0) AS clawed_back_cents,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'REVERSED'), 0) AS reversed_cents,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'VOIDED'), 0) AS voided_cents
FROM iceberg.leaderlens.commission_ledger
GROUP BY beneficiary_leader_id;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_commission_payouts AS
SELECT period, min(period_start) AS period_start, count(*) AS leaders, sum(payout_cents) AS payout_cents,
       sum(tier1_cents) AS tier1_cents, sum(tier2_cents) AS tier2_cents, sum(bonus_cents) AS bonus_cents,
       sum(adjustment_cents) AS adjustment_cents, CAST(sum(payout_cents) AS DECIMAL(18, 2)) / 100 AS payout_yuan
FROM iceberg.leaderlens.settlement_statements
GROUP BY period;

-- Commission on hold now, per line, with the alert that holds it.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_held_commission AS
SELECT beneficiary_leader_id AS leader_id, selling_leader_id, line_id, kind, source_id, sum(amount_cents) AS held_cents,
       max_by(reason, event_time) FILTER (WHERE amount_cents > 0) AS why
FROM iceberg.leaderlens.commission_ledger
WHERE bucket = 'HELD'
GROUP BY beneficiary_leader_id, selling_leader_id, line_id, kind, source_id
HAVING sum(amount_cents) > 0;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_top_earners AS
SELECT b.leader_id, b.credited_cents, b.frozen_cents, b.pending_cents, b.held_cents, b.clawed_back_cents,
       coalesce(s.paid_out_cents, 0) AS paid_out_cents
FROM iceberg.leaderlens.leader_balances b
LEFT JOIN (SELECT leader_id, sum(payout_cents) AS paid_out_cents FROM iceberg.leaderlens.settlement_statements GROUP BY leader_id) s
  ON s.leader_id = b.leader_id;

CREATE OR REPLACE VIEW iceberg.leaderlens.v_rate_changes AS
SELECT valid_from, leader_id, category, rate, lag(rate) OVER (PARTITION BY leader_id, category ORDER BY valid_from, version) AS previous_rate,
       level, performance_factor, risk_factor, reason_codes, reasons
FROM iceberg.leaderlens.commission_rate_changes;

-- What uplines earn on the leaders they recruited.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_second_tier_earnings AS
SELECT beneficiary_leader_id AS upline_leader_id, selling_leader_id,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'CREDITED'), 0) AS credited_cents,
       coalesce(sum(amount_cents) FILTER (WHERE bucket IN ('PENDING', 'FROZEN')), 0) AS upcoming_cents,
       coalesce(sum(amount_cents) FILTER (WHERE bucket = 'CLAWED_BACK'), 0) AS clawed_back_cents
FROM iceberg.leaderlens.commission_ledger
WHERE kind = 'TIER2'
GROUP BY beneficiary_leader_id, selling_leader_id;
