package io.leaderlens.commissions.ratecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RateCardParserTest {
    @Test
    void theShippedCardIsValid() throws Exception {
        RateCard card = RateCardParser.read(Path.of("../conf/rate-card.properties"));
        assertThat(card.baseRate("beauty")).contains(new BigDecimal("0.20"));
        assertThat(card.levelFor(0, 0).name()).isEqualTo("bronze");
        assertThat(card.levelFor(1_000_000, 79).name()).as("gold needs both thresholds").isEqualTo("silver");
        assertThat(card.levelFor(1_000_000, 80).name()).isEqualTo("gold");
        assertThat(card.commissionBase()).isEqualTo(CommissionBase.PAID);
        assertThat(card.noNewMemberBonusOn()).containsExactly(io.leaderlens.events.DiscountKind.NEW_USER_FIRST_ORDER);
    }

    @Test
    void aCardBeforeTheCommissionBaseSettingsPaysOnWhatWasPaidWithEveryBonus() throws Exception {
        Properties p = new Properties();
        try (var in = java.nio.file.Files.newBufferedReader(Path.of("../conf/rate-card.properties"))) {
            p.load(in);
        }
        p.remove("commission-base");
        p.remove("bonus.new-member.not-on-discounts");
        RateCard card = RateCardParser.parse("older", p);
        assertThat(card.commissionBase()).isEqualTo(CommissionBase.PAID);
        assertThat(card.noNewMemberBonusOn()).isEmpty();
        p.setProperty("commission-base", "GROSS");
        p.setProperty("bonus.new-member.not-on-discounts", "NEW_USER_FIRST_ORDER, FREEBIE");
        assertThatThrownBy(() -> RateCardParser.parse("test", p)).isInstanceOf(InvalidRateCardException.class)
                .satisfies(e -> assertThat(((InvalidRateCardException) e).problems()).containsExactly(
                        "commission-base = GROSS: PAID or LIST",
                        "bonus.new-member.not-on-discounts: FREEBIE is not a discount kind ([FLASH_SALE, GROUP_PRICE, SPEND_AND_SAVE, "
                                + "NEW_USER_FIRST_ORDER, REFERRAL_REWARD, OTHER, ACTIVE_USER])"));
    }

    @Test
    void anInvalidCardIsRefusedWithEveryProblemAtOnce() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader("""
                version=bad-1
                valid-from=yesterday
                base-rate.snacks=10
                levels=only
                level.only.min-net-gmv-30d-cents=100
                level.only.min-active-members=0
                level.only.multiplier=1
                second-tier-share=0.1
                bonus.new-member-cents=-5
                bonus.group-opening-cents=100
                rate.floor=0.3
                rate.cap=0.2
                performance-factor.floor=0.8
                performance-factor.cap=1.2
                risk-factor.floor=0
                risk-factor.cap=1.5
                """));
        assertThatThrownBy(() -> RateCardParser.parse("test", p))
                .isInstanceOf(InvalidRateCardException.class)
                .satisfies(e -> assertThat(((InvalidRateCardException) e).problems()).hasSize(6).anySatisfy(m -> assertThat(m).contains("valid-from"))
                        .anySatisfy(m -> assertThat(m).contains("base-rate.snacks = 10"))
                        .anySatisfy(m -> assertThat(m).contains("start at 0 GMV"))
                        .anySatisfy(m -> assertThat(m).contains("bonus.new-member-cents"))
                        .anySatisfy(m -> assertThat(m).contains("rate.floor 0.3 is above rate.cap 0.2"))
                        .anySatisfy(m -> assertThat(m).contains("risk-factor.cap")))
                .hasMessageContaining("nothing applied");
    }
}
