package io.leaderlens.models.report;

import io.leaderlens.models.evaluation.ThresholdSweep;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** ROC and precision-recall curves, computed from scores and drawn as PNG (headless AWT, no plotting library). */
public final class Curves {
    private static final int SIZE = 480;
    private static final int MARGIN = 56;

    /**
     * A curve as (x, y) points from the highest threshold to the lowest.
     *
     * @param diagonal draw y = x for reference (chance for ROC, perfect calibration for reliability)
     */
    public record Curve(String title, String xLabel, String yLabel, double[] x, double[] y, String legend, boolean diagonal) {}

    private Curves() {}

    public static Curve roc(double[] scores, int[] labels, String title, double auc) {
        List<double[]> points = sweep(scores, labels, (tp, fp, p, n) -> new double[] {n == 0 ? 0 : fp / n, p == 0 ? 0 : tp / p});
        points.add(0, new double[] {0, 0});
        return curve(title + " — ROC", "false positive rate", "true positive rate", points,
                String.format(Locale.ROOT, "AUC %.4f", auc), true);
    }

    public static Curve precisionRecall(double[] scores, int[] labels, String title, double ap) {
        List<double[]> points = sweep(scores, labels, (tp, fp, p, n) -> new double[] {p == 0 ? 0 : tp / p, tp + fp == 0 ? 1 : tp / (tp + fp)});
        points.add(0, new double[] {0, 1});
        return curve(title + " — precision/recall", "recall", "precision", points,
                String.format(Locale.ROOT, "average precision %.4f", ap), false);
    }

    /**
     * Reliability of calibrated scores: the held-out subjects in ten bins of predicted probability, each bin's mean
     * prediction against the share of frauds in it (on the diagonal when a score of p means p). Empty bins are left out.
     */
    public static Curve calibration(double[] probabilities, int[] labels, String title) {
        int bins = 10;
        double[] predicted = new double[bins];
        double[] frauds = new double[bins];
        int[] count = new int[bins];
        double brier = 0;
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(bins - 1, (int) (probabilities[i] * bins));
            predicted[bin] += probabilities[i];
            frauds[bin] += labels[i];
            count[bin]++;
            brier += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
        }
        List<double[]> points = new ArrayList<>();
        for (int bin = 0; bin < bins; bin++) {
            if (count[bin] > 0) {
                points.add(new double[] {predicted[bin] / count[bin], frauds[bin] / count[bin]});
            }
        }
        return curve(title + " — calibration", "mean predicted probability", "observed fraud share", points,
                String.format(Locale.ROOT, "Brier score %.4f", probabilities.length == 0 ? Double.NaN : brier / probabilities.length), true);
    }

    private interface Point {
        double[] at(double tp, double fp, double positives, double negatives);
    }

    private static List<double[]> sweep(double[] scores, int[] labels, Point point) {
        ThresholdSweep sweep = ThresholdSweep.of(scores, labels);
        double positives = sweep.positives();
        double negatives = sweep.subjects() - positives;
        List<double[]> points = new ArrayList<>();
        for (ThresholdSweep.Cut cut : sweep.cuts()) {
            points.add(point.at(cut.caught(), cut.flagged() - cut.caught(), positives, negatives));
        }
        return points;
    }

    private static Curve curve(String title, String xLabel, String yLabel, List<double[]> points, String legend, boolean diagonal) {
        return new Curve(title, xLabel, yLabel, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), legend, diagonal);
    }

    public static void writePng(Curve curve, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(SIZE + 2 * MARGIN, SIZE + 2 * MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(230, 230, 230));
        for (int i = 0; i <= 10; i++) {
            int p = MARGIN + i * SIZE / 10;
            g.drawLine(MARGIN, p, MARGIN + SIZE, p);
            g.drawLine(p, MARGIN, p, MARGIN + SIZE);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(MARGIN, MARGIN, SIZE, SIZE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            String tick = String.format(Locale.ROOT, "%.1f", i / 5.0);
            g.drawString(tick, MARGIN + i * SIZE / 5 - 8, MARGIN + SIZE + 16);
            g.drawString(tick, MARGIN - 28, MARGIN + SIZE - i * SIZE / 5 + 4);
        }
        g.drawString(curve.xLabel(), MARGIN + SIZE / 2 - 40, MARGIN + SIZE + 36);
        g.rotate(-Math.PI / 2);
        g.drawString(curve.yLabel(), -(MARGIN + SIZE / 2 + 40), MARGIN - 36);
        g.rotate(Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(curve.title(), MARGIN, MARGIN - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(curve.legend(), MARGIN + SIZE - 190, MARGIN + SIZE - 12);
        if (curve.diagonal()) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            g.drawLine(px(0), py(0), px(1), py(1));
        }
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(2.2f));
        for (int i = 1; i < curve.x().length; i++) {
            g.drawLine(px(curve.x()[i - 1]), py(curve.y()[i - 1]), px(curve.x()[i]), py(curve.y()[i]));
        }
        if (curve.x().length <= 20) { // few points (the calibration bins): mark each
            for (int i = 0; i < curve.x().length; i++) {
                g.fillOval(px(curve.x()[i]) - 4, py(curve.y()[i]) - 4, 8, 8);
            }
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static int px(double x) {
        return MARGIN + (int) Math.round(x * SIZE);
    }

    private static int py(double y) {
        return MARGIN + SIZE - (int) Math.round(y * SIZE);
    }
}
