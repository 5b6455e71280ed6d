-- The seed documents' reports over the raw events (deduplicated by the leader metrics job): sales and member
-- behaviour, pickup logistics, channel attribution. Created (or replaced) by ./leaderlens up; {{timezone}} is the
-- platform's time zone of the configuration. Money stays integer cents here; the console and notebooks show yuan.

-- Paid sales by the hour of the platform's day they were paid in, per category (when do people buy what?).
CREATE OR REPLACE VIEW iceberg.leaderlens.v_sales_by_hour AS
SELECT day, hour(at_timezone(event_time, '{{timezone}}')) AS hour_of_day, city, category,
       count(*) AS orders, sum(amount_cents) AS paid_cents
FROM iceberg.leaderlens.events_order
WHERE type = 'PAID'
GROUP BY day, hour(at_timezone(event_time, '{{timezone}}')), city, category;

-- Products by paid sales per day: what sells.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_product_sales_daily AS
SELECT day, city, category, product_id, count(*) AS orders, sum(quantity) AS units, sum(amount_cents) AS paid_cents,
       count(DISTINCT user_id) AS buyers
FROM iceberg.leaderlens.events_order
WHERE type = 'PAID'
GROUP BY day, city, category, product_id;

-- Members by the week (Monday) they signed up, the cohort: how many bought, how many bought again (repurchase rate
-- = members with two or more paid orders / members with one or more), average order value, orders per buyer, and
-- who stopped buying (bought, but not in the 14 days before the newest paid order on the platform).
-- Members without a SIGNED_UP event (bound before the data begins) belong to no cohort.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_member_cohorts AS
WITH members AS (
    SELECT user_id, min(day) AS signup_day
    FROM iceberg.leaderlens.events_referral
    WHERE type = 'SIGNED_UP' AND user_id IS NOT NULL
    GROUP BY user_id
), paid AS (
    SELECT user_id, count(*) AS orders, sum(amount_cents) AS paid_cents, max(day) AS last_paid_day
    FROM iceberg.leaderlens.events_order
    WHERE type = 'PAID'
    GROUP BY user_id
), newest AS (
    SELECT max(day) AS day FROM iceberg.leaderlens.events_order WHERE type = 'PAID'
)
SELECT date_trunc('week', m.signup_day) AS cohort_week,
       count(*) AS members,
       count(p.user_id) AS buyers,
       count_if(p.orders >= 2) AS repeat_buyers,
       CAST(count_if(p.orders >= 2) AS DOUBLE) / nullif(count(p.user_id), 0) AS repurchase_rate,
       coalesce(sum(p.orders), 0) AS orders,
       coalesce(sum(p.paid_cents), 0) AS paid_cents,
       CAST(sum(p.paid_cents) AS DECIMAL(20, 2)) / nullif(sum(p.orders), 0) / 100 AS avg_order_yuan,
       CAST(sum(p.orders) AS DOUBLE) / nullif(count(p.user_id), 0) AS orders_per_buyer,
       count_if(p.last_paid_day < (SELECT day FROM newest) - INTERVAL '14' DAY) AS stopped_buying
FROM members m
LEFT JOIN paid p ON p.user_id = m.user_id
GROUP BY date_trunc('week', m.signup_day);

-- Each city's paid sales by category as a share of the city's paid sales: what a city prefers.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_category_preferences AS
SELECT city, category, count(*) AS orders, sum(amount_cents) AS paid_cents, count(DISTINCT user_id) AS buyers,
       CAST(sum(amount_cents) AS DOUBLE) / sum(sum(amount_cents)) OVER (PARTITION BY city) AS share_of_city
FROM iceberg.leaderlens.events_order
WHERE type = 'PAID'
GROUP BY city, category;

-- One row per order whose goods reached the pickup point (GOODS_ARRIVED, schema v2): when, and when the member
-- collected them (CONFIRMED), or null while they wait.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_pickups AS
WITH arrived AS (
    SELECT order_id, min_by(leader_id, event_time) AS leader_id, min_by(city, event_time) AS city,
           min_by(pickup_point_id, event_time) AS pickup_point_id, min(event_time) AS arrived_at, min_by(day, event_time) AS arrival_day
    FROM iceberg.leaderlens.events_order
    WHERE type = 'GOODS_ARRIVED'
    GROUP BY order_id
), collected AS (
    SELECT order_id, min(event_time) AS picked_up_at
    FROM iceberg.leaderlens.events_order
    WHERE type = 'CONFIRMED'
    GROUP BY order_id
), clock AS (
    -- each pickup point's newest order event: how far its data reaches
    SELECT pickup_point_id, max(event_time) AS seen_until
    FROM iceberg.leaderlens.events_order
    GROUP BY pickup_point_id
)
SELECT a.order_id, a.leader_id, a.city, a.pickup_point_id, a.arrival_day, a.arrived_at, c.picked_up_at,
       date_diff('minute', a.arrived_at, c.picked_up_at) AS wait_minutes,
       -- not collected two days after arrival, judged once the pickup point's data reaches that far
       (c.picked_up_at IS NULL OR c.picked_up_at > a.arrived_at + INTERVAL '2' DAY)
           AND k.seen_until >= a.arrived_at + INTERVAL '2' DAY AS uncollected_after_2_days
FROM arrived a
LEFT JOIN collected c ON c.order_id = a.order_id
JOIN clock k ON k.pickup_point_id = a.pickup_point_id;

-- Pickup logistics per day of arrival, leader and pickup point: arrivals, pickups, the wait from arrival to pickup
-- (median and 90th percentile, minutes), goods not collected after two days, and the completion rate.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_pickup_daily AS
SELECT arrival_day AS day, city, leader_id, pickup_point_id,
       count(*) AS arrived, count(picked_up_at) AS picked_up,
       approx_percentile(wait_minutes, 0.5) AS median_wait_minutes,
       approx_percentile(wait_minutes, 0.9) AS p90_wait_minutes,
       count_if(uncollected_after_2_days) AS uncollected_after_2_days,
       CAST(count(picked_up_at) AS DOUBLE) / count(*) AS completion_rate
FROM iceberg.leaderlens.v_pickups
GROUP BY arrival_day, city, leader_id, pickup_point_id;

-- The referral funnel per channel of the poster (schema v2): shares, scans and signups on the day they happened, and
-- first orders — a member's first paid order, on its day — credited to the channel and city the member signed up
-- through. Version-1 events carry no channel and are left out.
CREATE OR REPLACE VIEW iceberg.leaderlens.v_channel_funnel_daily AS
WITH signups AS (
    SELECT user_id, min_by(channel, event_time) AS channel, min_by(city, event_time) AS city
    FROM iceberg.leaderlens.events_referral
    WHERE type = 'SIGNED_UP' AND user_id IS NOT NULL
    GROUP BY user_id
), first_paid AS (
    SELECT user_id, min_by(day, event_time) AS day
    FROM iceberg.leaderlens.events_order
    WHERE type = 'PAID'
    GROUP BY user_id
), steps AS (
    SELECT day, city, channel, type AS step
    FROM iceberg.leaderlens.events_referral
    WHERE type IN ('POSTER_SHARED', 'SCANNED', 'SIGNED_UP') AND channel IS NOT NULL
    UNION ALL
    SELECT f.day, s.city, s.channel, 'FIRST_ORDER'
    FROM signups s
    JOIN first_paid f ON f.user_id = s.user_id
    WHERE s.channel IS NOT NULL
)
SELECT day, city, channel,
       count_if(step = 'POSTER_SHARED') AS shares, count_if(step = 'SCANNED') AS scans,
       count_if(step = 'SIGNED_UP') AS signups, count_if(step = 'FIRST_ORDER') AS first_orders
FROM steps
GROUP BY day, city, channel;
