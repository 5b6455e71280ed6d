package io.leaderlens.chaos;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which faults strike when, drawn from a seed so a failing run can be repeated: every kind at least once, the
 * rest drawn at random; each job fault strikes one of the two phases (the leader metrics and fraud scoring jobs
 * while the simulation streams in, then the commission job over the same events and the alerts), a few seconds
 * after the previous fault's recovery. Faults on commits strike the stream phase first: an empty checkpoint
 * commits nothing, so they need events flowing.
 */
public record ChaosPlan(long seed, List<Strike> streamPhase, List<Strike> payPhase, int settlementKills) {
    /** When the jobs run under fault: the metrics and fraud jobs together, then the commission job. */
    public enum Phase { STREAM, PAY }

    /** One fault, struck {@code delayMillis} after the previous one recovered. */
    public record Strike(FaultKind kind, long delayMillis) {
        public Strike {
            requireNonNull(kind, "kind");
        }
    }

    public ChaosPlan {
        streamPhase = List.copyOf(streamPhase);
        payPhase = List.copyOf(payPhase);
    }

    /** The smallest plan: one fault of every kind. */
    public static int minimumFaults() {
        return FaultKind.values().length;
    }

    public static ChaosPlan draw(long seed, int faults, long maxDelayMillis) {
        if (faults < minimumFaults()) {
            throw new IllegalArgumentException("a chaos run injects at least one fault of every kind: --faults " + minimumFaults() + " or more, got " + faults);
        }
        Random random = new Random(seed);
        List<FaultKind> jobKinds = Arrays.stream(FaultKind.values()).filter(FaultKind::strikesJobs).toList();
        List<FaultKind> kinds = new ArrayList<>(jobKinds);
        int settlementKills = 1;
        for (int i = minimumFaults(); i < faults; i++) {
            kinds.add(jobKinds.get(random.nextInt(jobKinds.size())));
        }
        Collections.shuffle(kinds, random);
        List<Strike> stream = new ArrayList<>();
        List<Strike> pay = new ArrayList<>();
        for (FaultKind kind : kinds) {
            Strike strike = new Strike(kind, (long) (random.nextDouble() * maxDelayMillis));
            // the pay phase is the shorter one; commit faults need commits with data, so they strike while events stream in
            boolean toPay = !kind.needsDataCommits() && random.nextInt(3) == 0;
            (toPay ? pay : stream).add(strike);
        }
        ensureOne(pay, stream, FaultKind.TASK_MANAGER_KILLED, random, maxDelayMillis);
        ensureOne(stream, pay, FaultKind.TASK_MANAGER_KILLED, random, maxDelayMillis);
        stream.sort(java.util.Comparator.comparing(s -> !s.kind().needsDataCommits())); // first, while the input flows
        return new ChaosPlan(seed, stream, pay, settlementKills);
    }

    /** A phase without a fault of that kind takes a spare one from the other phase, or gets one more. */
    private static void ensureOne(List<Strike> phase, List<Strike> other, FaultKind kind, Random random, long maxDelayMillis) {
        if (phase.stream().anyMatch(s -> s.kind() == kind)) {
            return;
        }
        List<Strike> ofKind = other.stream().filter(s -> s.kind() == kind).toList();
        if (ofKind.size() > 1) {
            other.remove(ofKind.get(ofKind.size() - 1));
            phase.add(0, ofKind.get(ofKind.size() - 1));
        } else {
            phase.add(0, new Strike(kind, (long) (random.nextDouble() * maxDelayMillis)));
        }
    }

    public int faults() {
        return streamPhase.size() + payPhase.size() + settlementKills;
    }
}
