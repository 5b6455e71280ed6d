package io.leaderlens.commissions.engine;

import io.leaderlens.commissions.rates.LeaderStanding;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The rates last published for one leader (the ones orders are paid at), per category, and what they were last
 * evaluated on: the same standing under the same card and step gives the same rates, so nothing is recomputed.
 */
public final class RateBook {
    public Map<String, PublishedRate> published = new HashMap<>();
    public LeaderStanding evaluatedStanding;
    public String evaluatedCardVersion;
    public BigDecimal evaluatedStep;

    public RateBook() {}

    boolean evaluatedOn(LeaderStanding standing, String cardVersion, BigDecimal step) {
        return standing.equals(evaluatedStanding) && cardVersion.equals(evaluatedCardVersion) && step.equals(evaluatedStep);
    }
}
