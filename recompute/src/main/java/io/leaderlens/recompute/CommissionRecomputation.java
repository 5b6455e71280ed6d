package io.leaderlens.recompute;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every leader's commission recomputed straight from the simulator's JSON lines, the fraud alerts and the
 * verdicts, without the project's ledger, standing or settlement code: what the ledger and the statements
 * must equal. The rates too come from the rate card file and the formula of docs/commissions.md
 * ({@link RecomputedRates}), not from the production calculator.
 */
public final class CommissionRecomputation {
    private static final long DAY = 86_400_000L;

    /** One input: an event's JSON, or an alert / verdict, at a time, with the job's tie-break order. */
    /** The event fields the recomputation reads. */
    private static final java.util.List<String> EVENT_FIELDS = java.util.List.of("schema", "type", "event_id", "event_time", "leader_id",
            "user_id", "order_id", "group_buy_id", "amount_cents", "category", "opened_by_leader", "poster_id", "upline_leader_id",
            "list_amount_cents", "discounts");

    /** The event with only the fields the recomputation reads: a million events fit in a small heap. */
    private static JsonNode slim(JsonNode event) {
        com.fasterxml.jackson.databind.node.ObjectNode slim = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String field : EVENT_FIELDS) {
            if (event.has(field)) {
                slim.set(field, event.get(field));
            }
        }
        return slim;
    }

    public record Input(String leaderId, long time, int order, String id, JsonNode event, Alert alert, Verdict verdict) {
        /** A leader's event (a JSON line of the simulator; only the fields the recomputation reads are kept). */
        public static Input event(JsonNode event) {
            return new Input(event.get("leader_id").asText(), event.get("event_time").asLong(), 0, event.get("event_id").asText(),
                    slim(event), null, null);
        }

        /** An alert's record: after the events of its time. */
        public static Input alert(Alert alert) {
            return new Input(alert.leaderId(), alert.at(), 1, alert.alertId(), null, alert, null);
        }

        /** A risk analyst's verdict: after the alerts of its time. */
        public static Input verdict(Verdict verdict) {
            return new Input(verdict.leaderId(), verdict.at(), 2, verdict.alertId(), null, null, verdict);
        }
    }

    /**
     * One record of an alert: its action and max score, and what the record before named (null and NaN for the
     * first). A hold begins at the record whose action first holds; a score counts from the record that raised it.
     */
    public record Alert(String alertId, String leaderId, String action, double maxScore, long at, int revision, String previousAction,
                        double previousMaxScore) {
        /** By time, then alert and revision: the order the commission job applies an alert's records in. */
        public static final java.util.Comparator<Alert> IN_ORDER = java.util.Comparator.comparingLong(Alert::at)
                .thenComparing(Alert::alertId).thenComparingInt(Alert::revision);

        /** A record of the fraud-alerts topic (JSON); one without {@code effective_at} is a whole alert at its period's end. */
        public static Alert of(JsonNode a) {
            JsonNode previousAction = a.path("previous_action");
            JsonNode previousMaxScore = a.path("previous_max_score");
            return new Alert(a.get("alert_id").asText(), a.get("leader_id").asText(), a.get("action").asText(), a.get("max_score").asDouble(),
                    a.has("effective_at") ? a.get("effective_at").asLong() : a.get("period_end").asLong(), a.path("revision").asInt(0),
                    previousAction.isTextual() ? previousAction.asText() : null,
                    previousMaxScore.isNumber() ? previousMaxScore.asDouble() : Double.NaN);
        }
    }

    public record Verdict(String alertId, String leaderId, boolean release, long at) {}

    /** A credited movement, for statements: + when credited, − when a refund takes credited cents back. */
    public record Credit(String leaderId, long cents, long at) {}

    /** Final balances of one beneficiary. */
    public static final class Balances {
        public long pending;
        public long frozen;
        public long credited;
        public long held;
        public long clawedBack;
        public long reversed;
        public long voided;

        public void add(String bucket, long cents) {
            switch (bucket) {
                case "PENDING" -> pending += cents;
                case "FROZEN" -> frozen += cents;
                case "CREDITED" -> credited += cents;
                case "HELD" -> held += cents;
                case "CLAWED_BACK" -> clawedBack += cents;
                case "REVERSED" -> reversed += cents;
                case "VOIDED" -> voided += cents;
                default -> throw new IllegalArgumentException(bucket);
            }
        }

        public List<Long> asList() {
            return List.of(pending, frozen, credited, held, clawedBack, reversed, voided);
        }
    }

    private static final class Line {
        String id;
        final String beneficiary;
        final String kind;
        final BigDecimal rate;
        String bucket;
        long cents;
        String unheld;
        long creditAt = Long.MAX_VALUE;

        Line(String beneficiary, String kind, BigDecimal rate, String bucket, long cents) {
            this.beneficiary = beneficiary;
            this.kind = kind;
            this.rate = rate;
            this.bucket = bucket;
            this.unheld = bucket.equals("HELD") ? null : bucket;
            this.cents = cents;
        }
    }

    private static final class Order {
        final long paid;
        /** what the tier-1 rate applies to: the paid amount, or the list amount under commission-base LIST */
        long base;
        long refunded;
        boolean confirmed;
        boolean failed;
        final String member;
        final List<Line> lines = new ArrayList<>();

        Order(long paid, String member) {
            this.paid = paid;
            this.member = member;
        }
    }

    public final Map<String, Balances> balances = new TreeMap<>();
    public final List<Credit> credits = new ArrayList<>();
    public final Map<String, Integer> ratesPublished = new TreeMap<>(); // leader -> rate changes
    public final Set<String> failedGroupOrders = new HashSet<>();
    /** Every line's final bucket and cents, by the ledger's line id ({@code kind:source:beneficiary}), for diagnosis. */
    public final Map<String, String> finalLines = new TreeMap<>();

    private final RecomputedRates card;
    private final long window;
    private final BigDecimal step;

    public CommissionRecomputation(RecomputedRates card, long window, BigDecimal step) {
        this.card = card;
        this.window = window;
        this.step = step;
    }

    /** Event ids of the bindings that stand: no one binds themselves, and the leader tree has no loops. */
    private final Set<String> standingBindings = new HashSet<>();

    public void run(List<Input> inputs, long asOf) {
        decideBindings(inputs);
        Map<String, List<Input>> byLeader = new TreeMap<>();
        inputs.forEach(i -> byLeader.computeIfAbsent(i.leaderId(), l -> new ArrayList<>()).add(i));
        for (var e : byLeader.entrySet()) {
            e.getValue().sort(Comparator.comparingLong(Input::time).thenComparingInt(Input::order).thenComparing(Input::id));
            new Leader(e.getKey()).run(e.getValue(), asOf);
        }
    }

    /** Walks all approvals, recruitments and signups in time order, platform-wide. */
    private void decideBindings(List<Input> inputs) {
        Map<String, String> uplineOf = new HashMap<>();
        Map<String, String> leaderOfAccount = new HashMap<>();
        List<JsonNode> referrals = inputs.stream().map(Input::event)
                .filter(e -> e != null && e.get("schema").asText().equals("ReferralEvent"))
                .sorted(Comparator.<JsonNode>comparingLong(e -> e.get("event_time").asLong()).thenComparing(e -> e.get("event_id").asText()))
                .toList();
        for (JsonNode e : referrals) {
            String leader = e.get("leader_id").asText();
            String user = e.get("user_id").isNull() ? null : e.get("user_id").asText();
            switch (e.get("type").asText()) {
                case "LEADER_APPROVED" -> {
                    if (user != null) {
                        leaderOfAccount.put(user, leader);
                    }
                }
                case "SIGNED_UP" -> {
                    if (user != null && !leader.equals(leaderOfAccount.get(user))) {
                        standingBindings.add(e.get("event_id").asText());
                    }
                }
                case "RECRUITED" -> {
                    String upline = e.get("upline_leader_id").isNull() ? null : e.get("upline_leader_id").asText();
                    if (upline == null) {
                        break;
                    }
                    boolean loop = false;
                    for (String at = upline; at != null; at = uplineOf.get(at)) {
                        if (at.equals(leader)) {
                            loop = true;
                            break;
                        }
                    }
                    if (!loop) {
                        uplineOf.put(leader, upline);
                        standingBindings.add(e.get("event_id").asText());
                    }
                }
                default -> { }
            }
        }
    }

    private final class Leader {
        final String id;
        final List<long[]> money = new ArrayList<>();          // {t, ±cents}
        final List<Object[]> payments = new ArrayList<>();     // {t, member}
        final List<long[]> groupEnds = new ArrayList<>();      // {t, formed 1 | failed 0}
        final List<long[]> funnel = new ArrayList<>();         // {t, scan 1 | signup 0}
        final List<double[]> alertScores = new ArrayList<>();  // {t, score}
        final Set<String> openHolds = new HashSet<>();
        final Map<String, RecomputedRates.Rate> published = new HashMap<>();
        final Map<String, Order> orders = new LinkedHashMap<>();
        final Map<String, List<String>> groupOrders = new HashMap<>();
        final Set<String> openedByLeader = new HashSet<>();
        final Set<String> groupBonusGiven = new HashSet<>();
        final Set<String> bound = new HashSet<>();
        final Set<String> bonused = new HashSet<>();
        final List<Line> lines = new ArrayList<>();
        String upline;

        Leader(String id) {
            this.id = id;
        }

        void run(List<Input> inputs, long asOf) {
            for (Input in : inputs) {
                long t = in.time();
                creditUpTo(t);
                refresh(t);
                if (in.event() != null) {
                    event(in.event(), t);
                } else if (in.alert() != null) {
                    alert(in.alert(), t);
                } else {
                    verdict(in.verdict(), t);
                }
                refresh(t);
            }
            creditUpTo(asOf);
            for (Line l : lines) {
                balances.computeIfAbsent(l.beneficiary, b -> new Balances()).add(l.bucket, l.cents);
                finalLines.put(l.id, l.bucket + " " + l.cents + (l.rate == null ? "" : " @" + l.rate.toPlainString()));
            }
        }

        void creditUpTo(long t) {
            lines.stream().filter(l -> l.bucket.equals("FROZEN") && l.creditAt <= t)
                    .sorted(Comparator.comparingLong(l -> l.creditAt))
                    .forEach(l -> {
                        l.bucket = "CREDITED";
                        credits.add(new Credit(l.beneficiary, l.cents, l.creditAt));
                    });
        }

        void refresh(long t) {
            RecomputedRates.Standing standing = standingAt(t);
            for (String category : card.baseRates.keySet()) {
                RecomputedRates.Rate now = card.rate(standing, category);
                RecomputedRates.Rate last = published.get(category);
                boolean changed = last == null || now.rate().subtract(last.rate()).abs().compareTo(step) >= 0
                        || !now.reasonCodes().equals(last.reasonCodes());
                if (changed) {
                    published.put(category, now);
                    ratesPublished.merge(id, 1, Integer::sum);
                }
            }
        }

        RecomputedRates.Standing standingAt(long t) {
            long from = t - 30 * DAY;
            long net = money.stream().filter(m -> m[0] > from && m[0] <= t).mapToLong(m -> m[1]).sum();
            Set<Object> members = new HashSet<>();
            payments.stream().filter(p -> (long) p[0] > from && (long) p[0] <= t).forEach(p -> members.add(p[1]));
            long formed = groupEnds.stream().filter(g -> g[0] > from && g[0] <= t && g[1] == 1).count();
            long failed = groupEnds.stream().filter(g -> g[0] > from && g[0] <= t && g[1] == 0).count();
            long scans = funnel.stream().filter(f -> f[0] > from && f[0] <= t && f[1] == 1).count();
            long signups = funnel.stream().filter(f -> f[0] > from && f[0] <= t && f[1] == 0).count();
            double maxScore = alertScores.stream().filter(a -> a[0] > t - 7 * DAY && a[0] <= t).mapToDouble(a -> a[1]).max().orElse(0);
            return new RecomputedRates.Standing(net, members.size(), formed + failed == 0 ? Double.NaN : (double) formed / (formed + failed),
                    scans == 0 ? Double.NaN : Math.min(1.0, (double) signups / scans), openHolds.size(), maxScore);
        }

        Line newLine(Order order, String source, String beneficiary, String kind, BigDecimal rate, String bucket, long cents) {
            Line l = new Line(beneficiary, kind, rate, openHolds.isEmpty() ? bucket : "HELD", cents);
            l.id = kind + ":" + source + ":" + beneficiary;
            l.unheld = bucket;
            lines.add(l);
            order.lines.add(l);
            return l;
        }

        void event(JsonNode e, long t) {
            String schema = e.get("schema").asText();
            String type = e.get("type").asText();
            if (schema.equals("OrderEvent")) {
                String orderId = e.get("order_id").asText();
                long cents = e.get("amount_cents").asLong();
                switch (type) {
                    case "PAID" -> {
                        RecomputedRates.Rate rate = published.get(e.get("category").asText());
                        if (rate == null || orders.containsKey(orderId)) {
                            return;
                        }
                        Order o = new Order(cents, e.get("user_id").asText());
                        o.base = card.onListAmount && e.hasNonNull("list_amount_cents") ? e.get("list_amount_cents").asLong() : cents;
                        orders.put(orderId, o);
                        if (!e.get("group_buy_id").isNull()) {
                            groupOrders.computeIfAbsent(e.get("group_buy_id").asText(), g -> new ArrayList<>()).add(orderId);
                        }
                        long tier1 = round(o.base, rate.rate());
                        newLine(o, orderId, id, "TIER1", rate.rate(), "PENDING", tier1);
                        if (upline != null) {
                            newLine(o, orderId, upline, "TIER2", card.secondTierShare, "PENDING", round(tier1, card.secondTierShare));
                        }
                        money.add(new long[] {t, cents});
                        payments.add(new Object[] {t, e.get("user_id").asText()});
                    }
                    case "CONFIRMED" -> {
                        Order o = orders.get(orderId);
                        if (o == null || o.confirmed) {
                            return;
                        }
                        o.confirmed = true;
                        for (Line l : o.lines) {
                            if (l.bucket.equals("PENDING")) {
                                l.bucket = "FROZEN";
                            } else if (l.bucket.equals("HELD") && "PENDING".equals(l.unheld)) {
                                l.unheld = "FROZEN";
                            }
                            l.creditAt = t + window;
                        }
                        boolean subsidised = false; // a discount of a kind the card names: no bonus on this order (a later one may earn it)
                        for (JsonNode d : e.path("discounts")) {
                            subsidised |= card.noNewMemberBonusOn.contains(d.get("kind").asText());
                        }
                        if (!o.failed && !subsidised && bound.contains(o.member) && card.newMemberBonusCents > 0 && bonused.add(o.member)) {
                            newLine(o, orderId, id, "NEW_MEMBER_BONUS", null, "FROZEN", card.newMemberBonusCents).creditAt = t + window;
                        }
                    }
                    case "REFUNDED" -> {
                        money.add(new long[] {t, -cents}); // net GMV counts every refund, paid in the data or before it
                        Order o = orders.get(orderId);
                        if (o == null) {
                            return;
                        }
                        o.refunded += cents;
                        boolean full = o.refunded >= o.paid;
                        long tier1Claw = 0;
                        for (Line l : o.lines) {
                            if (!isOpen(l.bucket) || l.cents == 0) {
                                continue;
                            }
                            long claw = switch (l.kind) {
                                // on the list amount a refund takes back its share of it, rounded down
                                case "TIER1" -> tier1Claw = full ? l.cents : Math.min(l.cents,
                                        round(o.base == o.paid ? cents : cents * o.base / o.paid, l.rate));
                                case "TIER2" -> full ? l.cents : Math.min(l.cents, round(tier1Claw, l.rate));
                                default -> full ? l.cents : 0;
                            };
                            if (claw > 0) {
                                if (l.bucket.equals("CREDITED")) {
                                    credits.add(new Credit(l.beneficiary, -claw, t));
                                }
                                balances.computeIfAbsent(l.beneficiary, b -> new Balances()).add("CLAWED_BACK", claw);
                                l.cents -= claw;
                            }
                        }
                    }
                    default -> { }
                }
            } else if (schema.equals("GroupBuyEvent")) {
                String group = e.get("group_buy_id").asText();
                switch (type) {
                    case "OPENED" -> {
                        if (e.get("opened_by_leader").asBoolean()) {
                            openedByLeader.add(group);
                        }
                    }
                    case "FORMED" -> {
                        groupOrders.remove(group);
                        if (openedByLeader.remove(group) && card.groupOpeningBonusCents > 0 && groupBonusGiven.add(group)) {
                            Order holder = new Order(0, null);
                            newLine(holder, group, id, "GROUP_OPENING_BONUS", null, "FROZEN", card.groupOpeningBonusCents).creditAt = t + window;
                        }
                        groupEnds.add(new long[] {t, 1});
                    }
                    case "FAILED" -> {
                        openedByLeader.remove(group);
                        for (String orderId : groupOrders.getOrDefault(group, List.of())) {
                            Order o = orders.get(orderId);
                            o.failed = true;
                            failedGroupOrders.add(orderId);
                            for (Line l : o.lines) {
                                if (isOpen(l.bucket) && l.cents > 0) {
                                    if (l.bucket.equals("CREDITED")) {
                                        credits.add(new Credit(l.beneficiary, -l.cents, t));
                                    }
                                    l.bucket = "VOIDED";
                                }
                            }
                        }
                        groupOrders.remove(group);
                        groupEnds.add(new long[] {t, 0});
                    }
                    default -> { }
                }
            } else if (schema.equals("ReferralEvent")) {
                switch (type) {
                    case "SCANNED" -> funnel.add(new long[] {t, 1});
                    case "SIGNED_UP" -> {
                        if (!e.get("poster_id").isNull()) {
                            funnel.add(new long[] {t, 0}); // a signup through a poster: the funnel's signups
                        }
                        if (standingBindings.contains(e.get("event_id").asText())) {
                            bound.add(e.get("user_id").asText());
                        }
                    }
                    case "RECRUITED" -> {
                        if (standingBindings.contains(e.get("event_id").asText())) {
                            upline = e.get("upline_leader_id").asText();
                        }
                    }
                    default -> { }
                }
            }
        }

        void alert(Alert a, long t) {
            if (Double.isNaN(a.previousMaxScore()) || a.maxScore() > a.previousMaxScore()) {
                alertScores.add(new double[] {t, a.maxScore()});
            }
            boolean holds = a.action().equals("HOLD_COMMISSION") || a.action().equals("BLOCK");
            boolean held = "HOLD_COMMISSION".equals(a.previousAction()) || "BLOCK".equals(a.previousAction());
            if (holds && !held && openHolds.add(a.alertId()) && openHolds.size() == 1) {
                for (Line l : lines) {
                    if (l.bucket.equals("PENDING") || l.bucket.equals("FROZEN")) {
                        l.unheld = l.bucket;
                        l.bucket = "HELD";
                    }
                }
            }
        }

        void verdict(Verdict v, long t) {
            if (!openHolds.remove(v.alertId())) {
                return;
            }
            if (v.release() && !openHolds.isEmpty()) {
                return;
            }
            for (Line l : lines) {
                if (l.bucket.equals("HELD")) {
                    if (!v.release()) {
                        l.bucket = "REVERSED";
                    } else if (l.creditAt <= t) {
                        l.bucket = "CREDITED";
                        credits.add(new Credit(l.beneficiary, l.cents, t));
                    } else {
                        l.bucket = l.unheld;
                    }
                }
            }
        }
    }

    private static boolean isOpen(String bucket) {
        return bucket.equals("PENDING") || bucket.equals("FROZEN") || bucket.equals("CREDITED") || bucket.equals("HELD");
    }

    private static long round(long cents, BigDecimal rate) {
        return BigDecimal.valueOf(cents).multiply(rate).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
