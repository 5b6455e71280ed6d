package io.leaderlens.jobs.commissions;

import static java.util.Objects.requireNonNull;

import io.leaderlens.commissions.ratecard.RateCard;
import java.util.ArrayList;
import java.util.List;

/**
 * One setting of a rate card version, as a row of Iceberg {@code rate_card}: {@code item} names the setting
 * (base_rate, level_multiplier, …), {@code subject} what it is for (a category, a level, or empty), {@code value}
 * its exact value as text.
 */
public record RateCardRow(String version, long validFrom, String item, String subject, String value, long recordedAt) {
    public RateCardRow {
        requireNonNull(version, "version");
        requireNonNull(item, "item");
        requireNonNull(subject, "subject");
        requireNonNull(value, "value");
    }

    /** Every setting of a card, in a stable order. */
    public static List<RateCardRow> of(RateCard card, long recordedAt) {
        List<RateCardRow> rows = new ArrayList<>();
        long from = card.validFrom().toEpochMilli();
        card.baseRates().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                rows.add(new RateCardRow(card.version(), from, "base_rate", e.getKey(), e.getValue().toPlainString(), recordedAt)));
        for (RateCard.LeaderLevel level : card.levels()) {
            rows.add(new RateCardRow(card.version(), from, "level_min_net_gmv_30d_cents", level.name(),
                    Long.toString(level.minNetGmv30dCents()), recordedAt));
            rows.add(new RateCardRow(card.version(), from, "level_min_active_members", level.name(),
                    Integer.toString(level.minActiveMembers()), recordedAt));
            rows.add(new RateCardRow(card.version(), from, "level_multiplier", level.name(), level.multiplier().toPlainString(), recordedAt));
        }
        rows.add(new RateCardRow(card.version(), from, "second_tier_share", "", card.secondTierShare().toPlainString(), recordedAt));
        rows.add(new RateCardRow(card.version(), from, "new_member_bonus_cents", "", Long.toString(card.newMemberBonusCents()), recordedAt));
        rows.add(new RateCardRow(card.version(), from, "group_opening_bonus_cents", "", Long.toString(card.groupOpeningBonusCents()), recordedAt));
        rows.add(new RateCardRow(card.version(), from, "commission_base", "", card.commissionBase().name(), recordedAt));
        card.noNewMemberBonusOn().stream().sorted().forEach(kind ->
                rows.add(new RateCardRow(card.version(), from, "no_new_member_bonus_on", kind.name(), "true", recordedAt)));
        bounds(rows, card, "rate", card.rateBounds(), from, recordedAt);
        bounds(rows, card, "performance_factor", card.performanceBounds(), from, recordedAt);
        bounds(rows, card, "risk_factor", card.riskBounds(), from, recordedAt);
        return rows;
    }

    private static void bounds(List<RateCardRow> rows, RateCard card, String name, RateCard.Bounds b, long from, long recordedAt) {
        rows.add(new RateCardRow(card.version(), from, name + "_floor", "", b.floor().toPlainString(), recordedAt));
        rows.add(new RateCardRow(card.version(), from, name + "_cap", "", b.cap().toPlainString(), recordedAt));
    }
}
