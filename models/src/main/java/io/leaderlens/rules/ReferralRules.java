package io.leaderlens.rules;

import static java.util.Objects.requireNonNull;

import io.leaderlens.features.FeatureTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hard rules on bindings, applied when a binding is made (as the big open-source malls do): nobody refers
 * themselves, and the leader tree has no loops. A refused binding is an alert of its own, with the path.
 *
 * <p>The rules are static functions over the facts they need, so each fact lives where it belongs: which
 * leader an account is the own account of is a fact of that member (decided per member), and the
 * recruitment graph is the one global structure (leaders, not members). This class also keeps both in
 * memory for offline replays and tests. Leader-scale facts are dropped when not renewed for
 * {@link FeatureTime#LEADER_FACT_RETENTION}.
 */
public final class ReferralRules {
    /** Why a binding was refused. */
    public record Violation(String rule, String description, List<String> path) {}

    /** A user account that is (or became) a leader's own, since when. */
    public record LeaderAccount(String leaderId, long since) {
        public LeaderAccount {
            requireNonNull(leaderId, "leaderId");
        }

        public boolean validAt(long t) {
            return since > t - FeatureTime.LEADER_FACT_RETENTION;
        }
    }

    /** A leader's binding under an upline (the second commission tier), since when. */
    public record Upline(String uplineId, long since) {
        public Upline {
            requireNonNull(uplineId, "uplineId");
        }

        public boolean validAt(long t) {
            return since > t - FeatureTime.LEADER_FACT_RETENTION;
        }
    }

    /** The recruitment graph as the rules read and extend it (a map in memory, keyed state in a job). */
    public interface Graph {
        Upline uplineOf(String leaderId);

        void bind(String leaderId, Upline upline);
    }

    public static final String SELF_REFERRAL = "SELF_REFERRAL";
    public static final String REFERRAL_LOOP = "REFERRAL_LOOP";
    private static final int MAX_DEPTH = 10_000;

    private final Map<String, LeaderAccount> leaderAccounts = new HashMap<>();
    private final Map<String, Upline> uplines = new HashMap<>();
    private final Graph graph = new Graph() {
        @Override
        public Upline uplineOf(String leaderId) {
            return uplines.get(leaderId);
        }

        @Override
        public void bind(String leaderId, Upline upline) {
            uplines.put(leaderId, upline);
        }
    };

    /** Records that a user account is (or became) a leader's: its own signups would be self-referral. */
    public void leaderAccount(String leaderId, String userId, long t) {
        if (userId != null) {
            leaderAccounts.put(userId, new LeaderAccount(leaderId, t));
        }
    }

    public Optional<Violation> onSignup(String userId, String leaderId, long t) {
        return userId == null ? Optional.empty() : selfReferral(userId, leaderId, leaderAccounts.get(userId), t);
    }

    public Optional<Violation> onRecruited(String leaderId, String uplineId, long t) {
        return recruited(leaderId, uplineId, t, graph);
    }

    /** A member signing up under a leader: refused when the member's account is that leader's own. */
    public static Optional<Violation> selfReferral(String userId, String leaderId, LeaderAccount accountOf, long t) {
        if (accountOf != null && accountOf.validAt(t) && leaderId.equals(accountOf.leaderId())) {
            return Optional.of(new Violation(SELF_REFERRAL, "leader " + leaderId + " signed up their own account " + userId,
                    List.of(leaderId, userId)));
        }
        return Optional.empty();
    }

    /**
     * A leader bound under an upline (the second commission tier): refused when it is the leader itself, or
     * when the upline is already below the leader (the binding would close a loop). Accepted bindings are
     * added to the graph.
     */
    public static Optional<Violation> recruited(String leaderId, String uplineId, long t, Graph graph) {
        if (leaderId.equals(uplineId)) {
            return Optional.of(new Violation(SELF_REFERRAL, "leader " + leaderId + " recruited themselves", List.of(leaderId)));
        }
        List<String> path = new ArrayList<>();
        path.add(leaderId);
        String current = uplineId;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            path.add(current);
            if (current.equals(leaderId)) {
                return Optional.of(new Violation(REFERRAL_LOOP, "binding " + leaderId + " under " + uplineId
                        + " would close a referral loop: " + String.join(" → ", path), List.copyOf(path)));
            }
            Upline next = graph.uplineOf(current);
            current = next != null && next.validAt(t) ? next.uplineId() : null;
        }
        graph.bind(leaderId, new Upline(uplineId, t));
        return Optional.empty();
    }
}
