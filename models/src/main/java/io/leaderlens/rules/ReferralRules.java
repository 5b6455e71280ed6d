package io.leaderlens.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hard rules on bindings, applied when a binding is made (as the big open-source malls do): nobody refers
 * themselves, and the leader tree has no loops. A refused binding is an alert of its own, with the path.
 */
public final class ReferralRules implements java.io.Serializable {
    /** Why a binding was refused. */
    public record Violation(String rule, String description, List<String> path) implements java.io.Serializable {}

    public static final String SELF_REFERRAL = "SELF_REFERRAL";
    public static final String REFERRAL_LOOP = "REFERRAL_LOOP";
    private static final int MAX_DEPTH = 10_000;

    private final Map<String, String> uplineOf = new HashMap<>();
    private final Map<String, String> leaderOfUser = new HashMap<>();

    /** Records that a user account is (or became) a leader: its own signups would be self-referral. */
    public void leaderAccount(String leaderId, String userId) {
        if (userId != null) {
            leaderOfUser.put(userId, leaderId);
        }
    }

    /** A member signing up under a leader: refused when the member is that leader's own account. */
    public Optional<Violation> onSignup(String userId, String leaderId) {
        if (userId != null && leaderId.equals(leaderOfUser.get(userId))) {
            return Optional.of(new Violation(SELF_REFERRAL, "leader " + leaderId + " signed up their own account " + userId,
                    List.of(leaderId, userId)));
        }
        return Optional.empty();
    }

    /**
     * A leader bound under an upline leader (the second commission tier): refused when it is the leader
     * itself, or when the upline is already below the leader (the binding would close a loop). Accepted
     * bindings are remembered.
     */
    public Optional<Violation> onRecruited(String leaderId, String uplineId) {
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
            current = uplineOf.get(current);
        }
        uplineOf.put(leaderId, uplineId);
        return Optional.empty();
    }
}
