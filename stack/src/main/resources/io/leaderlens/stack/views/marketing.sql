-- Marketing dashboards: what the platform's subsidies cost (schema v3 price breakdowns). Created (or replaced) by
-- ./leaderlens up once the tables exist. Money in integer cents, with exact DECIMAL yuan beside it.

-- Subsidy granted per day, campaign and leader: every discount of a paid order, counted once, on the local day the
-- order was paid (a later refund does not take it back here). Orders from producers before v3 carry no breakdown and
-- are not in it; points are in v_points_daily.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_subsidy_daily AS
SELECT o.day, d.kind, coalesce(d.campaign_id, '') AS campaign_id, o.city, o.leader_id,
       count(DISTINCT o.order_id) AS orders,
       sum(d.amount_cents) AS subsidy_cents,
       CAST(sum(d.amount_cents) AS DECIMAL(20, 2)) / 100 AS subsidy_yuan,
       count(d.coupon_id) AS coupons_redeemed
FROM iceberg.leaderlens.events_order o
CROSS JOIN UNNEST(o.discounts) AS d (kind, amount_cents, campaign_id, coupon_id)
WHERE o.type = 'PAID'
GROUP BY o.day, d.kind, coalesce(d.campaign_id, ''), o.city, o.leader_id;

-- Paid orders per day and leader at list price against what was paid: the share of list value the platform
-- funded (discounts and points). Only orders with a breakdown (v3).
CREATE OR REPLACE VIEW iceberg.leaderlens.v_points_daily AS
SELECT day, city, leader_id,
       count(*) AS paid_orders,
       sum(list_amount_cents) AS list_cents,
       sum(amount_cents) AS paid_cents,
       sum(points_redeemed) AS points_redeemed,
       sum(points_value_cents) AS points_value_cents,
       sum(points_earned) AS points_earned,
       CAST(sum(list_amount_cents - amount_cents) AS DOUBLE) / nullif(sum(list_amount_cents), 0) AS subsidised_share
FROM iceberg.leaderlens.events_order
WHERE type = 'PAID' AND list_amount_cents IS NOT NULL
GROUP BY day, city, leader_id;

-- Did the new-user coupon buy a customer or a one-off? New users by the day and city of their first paid order,
-- split by whether that order used the new-user coupon, and how many paid again within 30 days. New: signed up in
-- the data, or paid with a new-user coupon (an account the platform saw as new). Only orders with a breakdown (v3).
CREATE OR REPLACE VIEW iceberg.leaderlens.v_new_user_coupon_conversion AS
WITH paid AS (
    SELECT user_id, order_id, event_time, day, city,
           any_match(discounts, d -> d.kind = 'NEW_USER_FIRST_ORDER') AS with_coupon
    FROM iceberg.leaderlens.events_order
    WHERE type = 'PAID' AND list_amount_cents IS NOT NULL
), firsts AS (
    SELECT user_id, min(event_time) AS first_paid_at, min_by(day, event_time) AS day, min_by(city, event_time) AS city,
           min_by(with_coupon, event_time) AS with_coupon
    FROM paid
    GROUP BY user_id
), seconds AS (
    SELECT f.user_id, min(p.event_time) AS second_paid_at
    FROM firsts f
    JOIN paid p ON p.user_id = f.user_id AND p.event_time > f.first_paid_at
    GROUP BY f.user_id
), signed_up AS (
    SELECT DISTINCT user_id FROM iceberg.leaderlens.events_referral WHERE type = 'SIGNED_UP' AND user_id IS NOT NULL
)
SELECT f.day, f.city, f.with_coupon,
       count(*) AS new_users,
       count_if(s.second_paid_at <= f.first_paid_at + INTERVAL '30' DAY) AS paid_again_within_30d,
       CAST(count_if(s.second_paid_at <= f.first_paid_at + INTERVAL '30' DAY) AS DOUBLE) / count(*) AS conversion
FROM firsts f
LEFT JOIN seconds s ON s.user_id = f.user_id
WHERE f.with_coupon OR f.user_id IN (SELECT user_id FROM signed_up)
GROUP BY f.day, f.city, f.with_coupon;

-- Flash sales against a baseline: each sale's hour — its category's orders placed in that hour (the moment the price
-- was set) and paid, and what they paid — against the same category at the same hour of day on the other days within two
-- weeks of it that had no sale then (the mean over those hours with such orders), and what each yuan of GMV above that
-- baseline cost in subsidy.
-- {{timezone}}: the platform's clock.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_flash_sale_roi AS
WITH placed AS (
    SELECT order_id, min(event_time) AS placed_at
    FROM iceberg.leaderlens.events_order
    WHERE type = 'PLACED'
    GROUP BY order_id
), paid AS (
    SELECT o.order_id, o.category, o.amount_cents, o.discounts,
           CAST(at_timezone(p.placed_at, '{{timezone}}') AS DATE) AS day, hour(at_timezone(p.placed_at, '{{timezone}}')) AS hour_of_day
    FROM iceberg.leaderlens.events_order o
    JOIN placed p ON p.order_id = o.order_id
    WHERE o.type = 'PAID' AND o.list_amount_cents IS NOT NULL
), hourly AS (
    SELECT day, hour_of_day, category, count(*) AS orders, sum(amount_cents) AS paid_cents
    FROM paid
    GROUP BY day, hour_of_day, category
), sales AS (
    SELECT d.campaign_id, min(o.day) AS day, min(o.hour_of_day) AS hour_of_day, min(o.category) AS category,
           count(*) AS orders_on_sale, sum(d.amount_cents) AS subsidy_cents
    FROM paid o
    CROSS JOIN UNNEST(o.discounts) AS d (kind, amount_cents, campaign_id, coupon_id)
    WHERE d.kind = 'FLASH_SALE'
    GROUP BY d.campaign_id
), baseline AS (
    SELECT s.campaign_id, count(*) AS hours,
           CAST(sum(h.orders) AS DECIMAL(20, 2)) / count(*) AS orders,
           CAST(sum(h.paid_cents) AS DECIMAL(20, 2)) / count(*) AS paid_cents
    FROM sales s
    JOIN hourly h ON h.category = s.category AND h.hour_of_day = s.hour_of_day AND h.day <> s.day
                 AND h.day BETWEEN s.day - INTERVAL '14' DAY AND s.day + INTERVAL '14' DAY
    WHERE NOT EXISTS (SELECT 1 FROM sales o WHERE o.category = h.category AND o.day = h.day AND o.hour_of_day = h.hour_of_day)
    GROUP BY s.campaign_id
)
SELECT s.campaign_id, s.day, s.hour_of_day, s.category,
       s.orders_on_sale, s.subsidy_cents, CAST(s.subsidy_cents AS DECIMAL(20, 2)) / 100 AS subsidy_yuan,
       h.orders, h.paid_cents AS gmv_cents,
       b.hours AS baseline_hours, b.orders AS baseline_orders, b.paid_cents AS baseline_gmv_cents,
       h.paid_cents - b.paid_cents AS incremental_gmv_cents,
       CASE WHEN h.paid_cents > b.paid_cents THEN CAST(s.subsidy_cents AS DOUBLE) / CAST(h.paid_cents - b.paid_cents AS DOUBLE) END
           AS subsidy_per_incremental_yuan
FROM sales s
JOIN hourly h ON h.day = s.day AND h.hour_of_day = s.hour_of_day AND h.category = s.category
LEFT JOIN baseline b ON b.campaign_id = s.campaign_id;

-- Flash-sale sell-through: each sale as the marketing service started it (category, price cut, window, stock), the
-- orders placed at its price and the units they claimed (an order claims its quantity when placed, and a cancelled one
-- does not give it back), the units of those orders paid, sell-through (paid units over the stock), and when it sold out
-- (minutes after its start; null when it did not). A sale whose STARTED has not arrived is not in it.
-- {{timezone}}: the platform's clock.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_flash_sale_sell_through AS
WITH started AS (
    SELECT campaign_id, min_by(category, event_time) AS category, min_by(discount_percent, event_time) AS discount_percent,
           min_by(stock_units, event_time) AS stock_units, min_by(starts_at, event_time) AS starts_at,
           min_by(ends_at, event_time) AS ends_at
    FROM iceberg.leaderlens.events_campaign
    WHERE type = 'STARTED' AND kind = 'FLASH_SALE'
    GROUP BY campaign_id
), sold_out AS (
    SELECT campaign_id, min(event_time) AS sold_out_at
    FROM iceberg.leaderlens.events_campaign
    WHERE type = 'SOLD_OUT'
    GROUP BY campaign_id
), claimed AS (
    SELECT DISTINCT o.order_id, d.campaign_id, o.quantity
    FROM iceberg.leaderlens.events_order o
    CROSS JOIN UNNEST(o.discounts) AS d (kind, amount_cents, campaign_id, coupon_id)
    WHERE o.type = 'PLACED' AND d.kind = 'FLASH_SALE'
), paid AS (
    SELECT DISTINCT order_id
    FROM iceberg.leaderlens.events_order
    WHERE type = 'PAID'
), per_sale AS (
    SELECT c.campaign_id, count(*) AS orders, sum(c.quantity) AS units_claimed,
           sum(CASE WHEN p.order_id IS NOT NULL THEN c.quantity ELSE 0 END) AS units_paid
    FROM claimed c
    LEFT JOIN paid p ON p.order_id = c.order_id
    GROUP BY c.campaign_id
)
SELECT s.campaign_id, CAST(at_timezone(s.starts_at, '{{timezone}}') AS DATE) AS day,
       hour(at_timezone(s.starts_at, '{{timezone}}')) AS hour_of_day, s.category, s.discount_percent, s.stock_units,
       coalesce(p.orders, 0) AS orders, coalesce(p.units_claimed, 0) AS units_claimed, coalesce(p.units_paid, 0) AS units_paid,
       CASE WHEN s.stock_units > 0 THEN CAST(coalesce(p.units_paid, 0) AS DOUBLE) / s.stock_units END AS sell_through,
       o.sold_out_at,
       CAST(to_milliseconds(o.sold_out_at - s.starts_at) AS DOUBLE) / 60000 AS minutes_to_sell_out
FROM started s
LEFT JOIN per_sale p ON p.campaign_id = s.campaign_id
LEFT JOIN sold_out o ON o.campaign_id = s.campaign_id;

-- Each coupon's life in one row: its ISSUED facts (local day and time of issue, reason, campaign, city, the holder and
-- the leader they were bound to, a referral reward's referee, face value) and how it ended (REDEEMED or EXPIRED, and
-- when; null while it is open). The coupon funnel and the referral rewards on hold read it. A coupon counts from its
-- ISSUED event; one whose ISSUED has not arrived is not in it.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_coupons AS
WITH issued AS (
    SELECT coupon_id, min(event_time) AS issued_at, min_by(day, event_time) AS day, min_by(reason, event_time) AS reason,
           min_by(coalesce(campaign_id, ''), event_time) AS campaign_id, min_by(city, event_time) AS city,
           min_by(leader_id, event_time) AS leader_id, min_by(user_id, event_time) AS holder_id,
           min_by(referee_id, event_time) AS referee_id, min_by(value_cents, event_time) AS value_cents
    FROM iceberg.leaderlens.events_coupon
    WHERE type = 'ISSUED'
    GROUP BY coupon_id
), ended AS (
    SELECT coupon_id, min_by(type, event_time) AS outcome, min(event_time) AS ended_at
    FROM iceberg.leaderlens.events_coupon
    WHERE type IN ('REDEEMED', 'EXPIRED')
    GROUP BY coupon_id
)
SELECT i.coupon_id, i.issued_at, i.day, i.reason, i.campaign_id, i.city, i.leader_id, i.holder_id, i.referee_id, i.value_cents,
       e.outcome, e.ended_at
FROM issued i
LEFT JOIN ended e ON e.coupon_id = i.coupon_id;

-- Coupons from issue to redemption: per local day of issue, reason (NEW_USER, REFERRAL_REWARD, …), campaign and city,
-- how many were issued, redeemed, expired unused and are still open, their face value redeemed (what the orders
-- actually took off is in v_subsidy_daily), and how long redemption took.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_coupon_funnel AS
SELECT day, reason, campaign_id, city,
       count(*) AS issued,
       count_if(outcome = 'REDEEMED') AS redeemed,
       count_if(outcome = 'EXPIRED') AS expired,
       count_if(outcome IS NULL) AS still_open,
       CAST(count_if(outcome = 'REDEEMED') AS DOUBLE) / count(*) AS redemption_rate,
       sum(CASE WHEN outcome = 'REDEEMED' THEN value_cents ELSE 0 END) AS redeemed_face_value_cents,
       count_if(outcome = 'REDEEMED' AND ended_at <= issued_at + INTERVAL '1' DAY) AS redeemed_within_1d,
       avg(CASE WHEN outcome = 'REDEEMED' THEN to_milliseconds(ended_at - issued_at) / 3.6e6 END) AS avg_hours_to_redeem
FROM iceberg.leaderlens.v_coupons
GROUP BY day, reason, campaign_id, city;

-- Referral rewards (老带新) to hold: a reward coupon whose referee (the new user whose first payment earned it) or whose
-- holder the member model flagged inside an alert that holds commission (HOLD_COMMISSION or BLOCK, as the alert stands
-- now). The coupon service reads it as the commission service reads the rate feed: an OPEN reward is frozen, a REDEEMED
-- one reviewed. One row per coupon, with the earliest such alert and whose flag it was (the referee's wins a tie).
CREATE OR REPLACE VIEW iceberg.leaderlens.v_referral_rewards_on_hold AS
WITH rewards AS (
    SELECT coupon_id, issued_at, leader_id, holder_id, referee_id, value_cents, outcome
    FROM iceberg.leaderlens.v_coupons
    WHERE reason = 'REFERRAL_REWARD'
), held_members AS (
    SELECT s.subject_id AS user_id, s.event_time AS flagged_at, a.alert_id, a.action
    FROM iceberg.leaderlens.member_scores s
    JOIN iceberg.leaderlens.v_fraud_alerts_live a
      ON a.leader_id = s.leader_id AND s.event_time >= a.period_start AND s.event_time < a.period_end
    WHERE s.flagged AND a.action IN ('HOLD_COMMISSION', 'BLOCK')
), matched AS (
    SELECT r.coupon_id, h.alert_id, h.action, h.flagged_at,
           CASE WHEN h.user_id = r.referee_id THEN 'referee' ELSE 'holder' END AS flagged_member,
           CASE WHEN h.user_id = r.referee_id THEN 0 ELSE 1 END AS tie_break
    FROM rewards r
    JOIN held_members h ON h.user_id = r.referee_id OR h.user_id = r.holder_id
)
SELECT r.coupon_id, r.leader_id, r.holder_id, r.referee_id, r.issued_at, r.value_cents,
       CAST(r.value_cents AS DECIMAL(20, 2)) / 100 AS value_yuan,
       coalesce(r.outcome, 'OPEN') AS status,
       min_by(m.alert_id, ROW(m.flagged_at, m.tie_break)) AS alert_id,
       min_by(m.action, ROW(m.flagged_at, m.tie_break)) AS action,
       min_by(m.flagged_member, ROW(m.flagged_at, m.tie_break)) AS flagged_member
FROM rewards r
JOIN matched m ON m.coupon_id = r.coupon_id
GROUP BY r.coupon_id, r.leader_id, r.holder_id, r.referee_id, r.issued_at, r.value_cents, coalesce(r.outcome, 'OPEN');
