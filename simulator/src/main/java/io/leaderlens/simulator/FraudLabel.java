package io.leaderlens.simulator;

import static java.util.Objects.requireNonNull;

/**
 * Ground truth for one fraudulent subject, written apart from the events (jobs never see it).
 *
 * @param subject  {@code member}, {@code order} or {@code leader}
 * @param scenario {@code fake_member_farm}, {@code leader_self_purchase}, {@code refund_abuse}, {@code referral_ring}, or (realistic
 *                 worlds only) {@code bulk_scalping}
 */
public record FraudLabel(String subject, String id, String scenario, long eventTime) {
    public FraudLabel {
        requireNonNull(subject, "subject");
        requireNonNull(id, "id");
        requireNonNull(scenario, "scenario");
    }
}
