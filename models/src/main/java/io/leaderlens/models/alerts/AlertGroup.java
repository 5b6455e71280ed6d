package io.leaderlens.models.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flagged events of one leader in one period, folded into one alert: a leader with a hundred bad orders is
 * one alert with a count and its most frequent reasons, not a hundred pages. Mutable accumulator with public
 * fields, so a stream processor can keep it as keyed state ({@link OpenAlert}).
 */
public final class AlertGroup {
    public String leaderId;
    public long count;
    public double maxScore;
    public String modelVersion;
    public boolean ruleViolation;
    public Set<String> subjects = new HashSet<>();
    public Map<String, Long> reasonCounts = new HashMap<>();
    /** For each kind of reason, the one with the largest number in it, to show with its value. */
    public Map<String, String> reasonExamples = new HashMap<>();
    /** The kinds of reason a rule gave (a refused referral loop): listed before every model's, however rare. */
    public Set<String> ruleReasonKinds = new HashSet<>();
    /** The subsidies (discounts and points) of the flagged paid orders, each event once, in cents. */
    public long subsidyAtRiskCents;
    /** The events whose subsidy is counted: an order row and its buyer's member row come from one payment. */
    public Set<String> subsidisedEvents = new HashSet<>();

    /**
     * Adds one flagged event: its subject ("order:o1", "member:u9", "leader:L3"), score and reasons in words, and the
     * subsidy of the payment it scores (counted once per {@code eventId}).
     */
    public AlertGroup add(String leader, String subject, double score, String version, List<String> reasons, boolean rule,
                          String eventId, long subsidyCents) {
        leaderId = leader;
        count++;
        if (subsidyCents > 0 && subsidisedEvents.add(eventId)) {
            subsidyAtRiskCents = Math.addExact(subsidyAtRiskCents, subsidyCents);
        }
        maxScore = Math.max(maxScore, score);
        modelVersion = version;
        ruleViolation |= rule;
        if (subjects.size() < 1_000) {
            subjects.add(subject);
        }
        if (ruleReasonKinds == null) {
            ruleReasonKinds = new HashSet<>(); // state from before rule reasons were kept apart
        }
        for (String reason : reasons) {
            String kind = reasonKind(reason);
            if (rule) {
                ruleReasonKinds.add(kind);
            }
            reasonCounts.merge(kind, 1L, Long::sum);
            reasonExamples.merge(kind, reason, (a, b) -> firstNumber(b) > firstNumber(a) ? b : a);
        }
        return this;
    }

    /**
     * The three most frequent kinds of reason, each shown at its strongest value, with how many flagged events gave it;
     * a rule's reasons come first (an alert a rule blocks says which rule, however many model flags joined it).
     */
    public List<String> topReasons() {
        Set<String> rules = ruleReasonKinds == null ? Set.of() : ruleReasonKinds;
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(reasonCounts.entrySet());
        sorted.sort(java.util.Comparator.<Map.Entry<String, Long>, Boolean>comparing(e -> !rules.contains(e.getKey()))
                .thenComparing(Map.Entry.<String, Long>comparingByValue().reversed()).thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> top = new LinkedHashMap<>();
        sorted.stream().limit(3).forEach(e -> top.put(e.getKey(), e.getValue()));
        List<String> out = new ArrayList<>();
        top.forEach((kind, n) -> out.add(reasonExamples.getOrDefault(kind, kind) + " (" + n + " of " + count + ")"));
        return out;
    }

    public RecommendedAction action() {
        return RecommendedAction.of(maxScore, count, ruleViolation);
    }

    private static double firstNumber(String reason) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?").matcher(reason);
        return m.find() ? Double.parseDouble(m.group()) : 0;
    }

    /** Reasons differ in their numbers ("12 accounts…", "13 accounts…"); group them by their words. */
    static String reasonKind(String reason) {
        return reason.replaceAll("[0-9]+(\\.[0-9]+)?", "N");
    }
}
