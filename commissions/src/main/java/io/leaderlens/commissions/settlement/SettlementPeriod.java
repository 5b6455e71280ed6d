package io.leaderlens.commissions.settlement;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A settlement period on the platform's calendar: an ISO week ({@code 2026-W47}, Monday to Sunday) or a
 * month ({@code 2026-11}). Periods are [start, end) in the platform's time zone.
 */
public record SettlementPeriod(String name, LocalDate firstDay, LocalDate endDay) {
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    public SettlementPeriod {
        requireNonNull(name, "name");
        requireNonNull(firstDay, "firstDay");
        requireNonNull(endDay, "endDay");
    }

    public static SettlementPeriod parse(String text) {
        Matcher week = WEEK.matcher(text);
        if (week.matches()) {
            int year = Integer.parseInt(week.group(1));
            int number = Integer.parseInt(week.group(2));
            LocalDate midYear = LocalDate.of(year, 6, 1);
            if (number < 1 || number > midYear.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                throw new IllegalArgumentException("week " + text + " does not exist");
            }
            LocalDate anyDay = midYear.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number);
            LocalDate monday = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return new SettlementPeriod(text, monday, monday.plusDays(7));
        }
        Matcher month = MONTH.matcher(text);
        if (month.matches()) {
            YearMonth ym = YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)));
            return new SettlementPeriod(text, ym.atDay(1), ym.plusMonths(1).atDay(1));
        }
        throw new IllegalArgumentException("not a settlement period: " + text + " (a week like 2026-W47 or a month like 2026-11)");
    }

    /** The ISO week a day falls in. */
    public static SettlementPeriod weekOf(LocalDate day) {
        return parse(String.format(java.util.Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
    }

    /** The period of the same length just before this one (the week before a week, the month before a month). */
    public SettlementPeriod previous() {
        if (WEEK.matcher(name).matches()) {
            return weekOf(firstDay.minusDays(7));
        }
        return parse(YearMonth.from(firstDay).minusMonths(1).toString());
    }

    /** Start of the period in epoch milliseconds on the platform clock. */
    public long startMillis(ZoneId zone) {
        return firstDay.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** End (exclusive) of the period in epoch milliseconds on the platform clock. */
    public long endMillis(ZoneId zone) {
        return endDay.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
