package io.leaderlens.simulator;

import java.util.Locale;

/**
 * How hard the simulated fraud is to tell from honest activity.
 * <ul>
 *   <li>{@code SEPARABLE}: every scenario leaves a mark no honest member leaves (bursts of signups on two devices,
 *       purchases on the leader's own phone, almost every order refunded after pickup). Models reach AUC 1.000: good for
 *       tests that must see each scenario caught, useless as a measure of a model.</li>
 *   <li>{@code REALISTIC}: fraud as it shows on a real platform. Farms rotate devices and residential IPs, age accounts
 *       for days and mix ordinary purchases in; self-purchasing leaders use relatives' phones; refund abusers pick most
 *       orders up; coupon farms sign up over a day at a human pace on a rack of phones; honest families share phones, compounds share Wi-Fi, leaders run signup drives; a share of fraud is
 *       never labelled and a few honest subjects are; the fraud rate rises over the run; and one scenario
 *       ({@code bulk_scalping}) appears only in its last quarter, after any training period.</li>
 * </ul>
 */
public enum Difficulty {
    SEPARABLE,
    REALISTIC;

    /** {@code separable} or {@code realistic}, as the commands take it. */
    public static Difficulty parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("difficulty must be separable or realistic, got " + text, e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
