package io.leaderlens.models.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every threshold a model could have on some scores: subjects from the highest score down, cut only between
 * distinct scores (a threshold flags every subject with the same score, or none of them). One walk for the
 * precision/recall and ROC curves, average precision and the alert threshold.
 */
public final class ThresholdSweep {
    /**
     * Everything scoring at least {@code lowestFlagged} flagged: the first {@code flagged} subjects of {@link #order()},
     * {@code caught} of them positive; {@code highestNotFlagged} is the next score down (NaN when all are flagged).
     */
    public record Cut(int flagged, long caught, double lowestFlagged, double highestNotFlagged) {}

    private final int[] order;
    private final List<Cut> cuts;
    private final long positives;

    private ThresholdSweep(int[] order, List<Cut> cuts, long positives) {
        this.order = order;
        this.cuts = List.copyOf(cuts);
        this.positives = positives;
    }

    public static ThresholdSweep of(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        int[] order = IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble(i -> -scores[i])).mapToInt(Integer::intValue).toArray();
        List<Cut> cuts = new ArrayList<>();
        long caught = 0;
        for (int k = 0; k < order.length; k++) {
            caught += labels[order[k]];
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie) {
                cuts.add(new Cut(k + 1, caught, scores[order[k]], k + 1 < order.length ? scores[order[k + 1]] : Double.NaN));
            }
        }
        return new ThresholdSweep(order, cuts, Arrays.stream(labels).filter(l -> l == 1).count());
    }

    /** Subject indices, highest score first (ties in index order). */
    public int[] order() {
        return order.clone();
    }

    /** The thresholds from the highest down: each flags more subjects than the one before. */
    public List<Cut> cuts() {
        return cuts;
    }

    public long positives() {
        return positives;
    }

    public int subjects() {
        return order.length;
    }
}
