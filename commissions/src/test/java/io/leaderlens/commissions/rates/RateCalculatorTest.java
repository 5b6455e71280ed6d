package io.leaderlens.commissions.rates;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.commissions.ratecard.RateCard;
import io.leaderlens.commissions.ratecard.RateCardParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The effective rate under the project's own rate card, over arbitrary leader standings. */
class RateCalculatorTest {
    private static final RateCard CARD = load();
    private final RateCalculator calculator = new RateCalculator(CARD);

    private static RateCard load() {
        try {
            return RateCardParser.read(Path.of("../conf/rate-card.properties"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<String> categories() {
        return Arbitraries.of(CARD.baseRates().keySet());
    }

    @Property(tries = 2_000)
    void theRateIsTheClampedProductOfItsComponents(
            @ForAll("categories") String category,
            @ForAll @LongRange(min = 0, max = 50_000_000L) long gmv, @ForAll @IntRange(min = 0, max = 500) int members,
            @ForAll @DoubleRange(min = 0, max = 1) double formation, @ForAll @DoubleRange(min = 0, max = 1) double conversion,
            @ForAll @IntRange(min = 0, max = 3) int alerts, @ForAll @DoubleRange(min = 0, max = 1) double maxScore) {
        EffectiveRate r = calculator.rate(new LeaderStanding("L", gmv, members, formation, conversion, alerts, maxScore), category);

        assertThat(r.rate()).isBetween(CARD.rateBounds().floor(), CARD.rateBounds().cap());
        assertThat(r.performanceFactor()).isBetween(CARD.performanceBounds().floor(), CARD.performanceBounds().cap());
        assertThat(r.riskFactor()).isBetween(CARD.riskBounds().floor(), CARD.riskBounds().cap());
        BigDecimal product = r.baseRate().multiply(r.levelMultiplier()).multiply(r.performanceFactor()).multiply(r.riskFactor());
        BigDecimal expected = product.max(CARD.rateBounds().floor()).min(CARD.rateBounds().cap()).setScale(6, RoundingMode.HALF_EVEN);
        assertThat(r.rate()).isEqualByComparingTo(expected);
        assertThat(r.reasons()).isNotEmpty();
    }

    @Property(tries = 1_000)
    void theRateWithoutWordsDecidesExactlyAsTheFullRate(
            @ForAll("categories") String category,
            @ForAll @LongRange(min = 0, max = 50_000_000L) long gmv, @ForAll @IntRange(min = 0, max = 500) int members,
            @ForAll @DoubleRange(min = 0, max = 1) double formation, @ForAll @DoubleRange(min = 0, max = 1) double conversion,
            @ForAll @IntRange(min = 0, max = 3) int alerts, @ForAll @DoubleRange(min = 0, max = 1) double maxScore) {
        LeaderStanding standing = new LeaderStanding("L", gmv, members, formation, conversion, alerts, maxScore);
        EffectiveRate full = calculator.rate(standing, category);
        EffectiveRate draft = calculator.rateWithoutWords(standing, category);

        assertThat(draft.rate()).isEqualByComparingTo(full.rate());
        assertThat(draft.reasonCodes()).isEqualTo(full.reasonCodes());
        assertThat(draft.differsFrom(full, new BigDecimal("0.000001"))).as("the same decision as the full rate").isFalse();
        assertThat(full.reasons()).allSatisfy(reason -> assertThat(reason.words()).isNotBlank());
        assertThat(draft.reasons()).allSatisfy(reason -> assertThat(reason.words()).isEmpty());
    }

    @Property(tries = 1_000)
    void anOpenAlertNeverRaisesARate(@ForAll("categories") String category,
                                     @ForAll @LongRange(min = 0, max = 50_000_000L) long gmv, @ForAll @IntRange(min = 0, max = 500) int members,
                                     @ForAll @DoubleRange(min = 0, max = 1) double formation) {
        EffectiveRate clean = calculator.rate(new LeaderStanding("L", gmv, members, formation, 0.1, 0, 0.0), category);
        EffectiveRate flagged = calculator.rate(new LeaderStanding("L", gmv, members, formation, 0.1, 1, 0.9), category);
        assertThat(flagged.rate()).isLessThanOrEqualTo(clean.rate());
        assertThat(flagged.reasonCodes()).contains("OPEN_FRAUD_ALERT");
        assertThat(flagged.differsFrom(clean, new BigDecimal("0.5"))).as("a reason that comes is republished").isTrue();
    }

    @Property(tries = 1_000)
    void moreGmvAndMembersNeverLowerTheLevel(@ForAll @LongRange(min = 0, max = 50_000_000L) long gmv,
                                             @ForAll @IntRange(min = 0, max = 500) int members,
                                             @ForAll @LongRange(min = 0, max = 10_000_000L) long moreGmv,
                                             @ForAll @IntRange(min = 0, max = 100) int moreMembers) {
        BigDecimal before = CARD.levelFor(gmv, members).multiplier();
        BigDecimal after = CARD.levelFor(gmv + moreGmv, members + moreMembers).multiplier();
        assertThat(after).isGreaterThanOrEqualTo(before);
    }
}
