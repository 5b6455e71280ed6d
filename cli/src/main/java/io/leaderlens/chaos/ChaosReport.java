package io.leaderlens.chaos;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * What a chaos run did and found: each fault (what, when, which part, how long until every job had completed a
 * checkpoint again) and each check of the tables and topics against the recomputation.
 */
public record ChaosReport(ChaosRun.Options options, List<StruckFault> faults, List<Check> checks, long durationMillis) {
    /** A fault that struck, {@code atMillis} after the run started; recovered {@code recoveryMillis} later. */
    public record StruckFault(FaultKind kind, ChaosPlan.Phase phase, long atMillis, String target, long recoveryMillis) {
        public StruckFault {
            requireNonNull(kind, "kind");
            requireNonNull(phase, "phase");
            requireNonNull(target, "target");
        }
    }

    /** One comparison of what landed with what the recomputation says; {@code detail} says what differed, or what matched. */
    public record Check(String name, boolean passed, String detail) {
        public Check {
            requireNonNull(name, "name");
            requireNonNull(detail, "detail");
        }
    }

    public ChaosReport {
        requireNonNull(options, "options");
        faults = List.copyOf(faults);
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    public long faultsOf(FaultKind kind) {
        return faults.stream().filter(f -> f.kind() == kind).count();
    }

    /** The report as Markdown: what was run, the faults in order, the checks. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# leaderlens chaos run: ").append(passed() ? "PASSED" : "FAILED").append("\n\n");
        out.append(String.format(Locale.ROOT, "Seed %d, %,d simulated events over %d days from %s, %d faults, %.1f minutes.%n%n",
                options.seed(), options.events(), options.days(), options.firstDay(), faults.size(), durationMillis / 60_000.0));
        out.append("## Faults\n\n| # | at (s) | phase | fault | struck | recovered after (s) |\n|---|---|---|---|---|---|\n");
        int i = 1;
        for (StruckFault f : faults) {
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %s | %s | %s | %s |%n", i++, f.atMillis() / 1000.0, f.phase(), f.kind(),
                    f.target().replace("|", "/"), f.recoveryMillis() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", f.recoveryMillis() / 1000.0)));
        }
        out.append("\nRecovery: from the fault until every job of the phase completed a checkpoint triggered after the broken part was back ")
                .append("(for the settlement: until the second run committed).\n\n");
        out.append("## Checks against the recomputation from the simulator's JSON lines\n\n| check | result | detail |\n|---|---|---|\n");
        for (Check c : checks) {
            out.append("| ").append(c.name()).append(" | ").append(c.passed() ? "ok" : "**FAILED**").append(" | ")
                    .append(c.detail().replace("|", "/").replace("\n", " ")).append(" |\n");
        }
        return out.toString();
    }
}
