package io.leaderlens.commissions.rates;

import static java.util.Objects.requireNonNull;

/**
 * What the live metrics and the fraud scores say about a leader at one moment: the inputs of the effective
 * rate. Rates are fractions (0.6 = 60%).
 *
 * @param formationRate share of the leader's group buys that formed, trailing 30 days (NaN: none opened)
 * @param conversionRate signups through a poster per poster scan (the metrics' signup rate), trailing 30 days (NaN: no scans)
 * @param openFraudAlerts fraud alerts on the leader not yet resolved
 * @param maxFraudScore highest fraud score on the leader's orders or members, trailing 7 days
 */
public record LeaderStanding(String leaderId, long netGmv30dCents, int activeMembers, double formationRate,
                             double conversionRate, int openFraudAlerts, double maxFraudScore) implements java.io.Serializable {
    public LeaderStanding {
        requireNonNull(leaderId, "leaderId");
    }
}
