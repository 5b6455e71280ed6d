package io.leaderlens.models.report;

import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.training.AlertThreshold;
import io.leaderlens.models.training.FraudTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** The model report: metrics, recall per fraud scenario, feature importance, ROC and PR curves (PNG), as Markdown and HTML. */
public final class TrainingReport {
    private TrainingReport() {}

    public static Path write(Path dir, Path source, List<FraudTraining.Trained> trained, List<ModelRegistry.Entry> saved) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        md.append("# leaderlens fraud models — training report\n\n");
        md.append("Data: `").append(source).append("`. Split by subjects in time: a model fitted on the earlier subjects (orders, ")
                .append("members; by their first scored moment) is measured on the later ones, its scores are calibrated into probabilities ")
                .append("there and the alert threshold is chosen there within the alert budget; the saved model is then fitted again on ")
                .append("every labelled row and keeps that calibration and threshold. Feature list hash `")
                .append(FraudFeatures.HASH, 0, 12).append("…`.\n\n");
        for (int k = 0; k < trained.size(); k++) {
            FraudTraining.Trained t = trained.get(k);
            FraudTraining.Evaluation e = t.holdout();
            String subject = e.subject();
            Curves.writePng(Curves.roc(e.scores(), e.labels(), subject + " model", e.auc()), dir.resolve("roc-" + subject + ".png"));
            Curves.writePng(Curves.precisionRecall(e.scores(), e.labels(), subject + " model", e.averagePrecision()),
                    dir.resolve("pr-" + subject + ".png"));
            Curves.writePng(Curves.calibration(e.scores(), e.labels(), subject + " model"), dir.resolve("calibration-" + subject + ".png"));
            AlertThreshold at = t.alertThreshold();
            md.append("## ").append(saved.get(k).versionName()).append("\n\n");
            md.append(String.format(Locale.ROOT, "Fitted before the split on %,d %s rows (%,d fraudulent) before %s; held out: %,d %ss "
                            + "over %.1f days, %,d fraudulent. Saved: the same model fitted again on all %,d rows (%,d fraudulent); "
                            + "the figures below are those of the model fitted before the split, on subjects it never saw.%n%n",
                    t.trainRows(), subject, t.trainFrauds(), Instant.ofEpochMilli(t.splitTime()), e.subjects(), subject, at.days(),
                    e.frauds(), t.refitRows(), t.refitFrauds()));
            md.append(t.calibrated()
                    ? String.format(Locale.ROOT, "Scores are calibrated probabilities: Platt scaling of the log-odds, a = %.3f, b = %.3f, "
                            + "fitted on the held-out subjects (calibration plot below).%n%n", t.calibration().a(), t.calibration().b())
                    : "Scores are **not calibrated**: the held-out subjects gave nothing to calibrate against (no frauds, only frauds, "
                            + "or frauds ranked below legitimate subjects).\n\n");
            md.append("| AUC | average precision | alert threshold | precision at threshold | recall at threshold | alerts |\n|---|---|---|---|---|---|\n");
            md.append(String.format(Locale.ROOT, "| %.4f | %.4f | %s | %.3f | %.3f | %,d |%n%n", e.auc(), e.averagePrecision(),
                    at.threshold() == AlertThreshold.NEVER ? "none (never alerts)" : String.format(Locale.ROOT, "%.4f", at.threshold()),
                    at.precision(), at.recall(), at.alerts()));
            md.append("Alert budget on the held-out period (no day may exceed the review capacity; a subject's alert counts on the "
                    + "day of its highest score):\n\n| budget: alerts at most | alerts at the threshold | alerts a day | busiest day "
                    + "| precision at the budget | recall at the budget | saved commission − review cost (yuan) |\n|---|---|---|---|---|---|---|\n");
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %.1f | %,d | %.3f | %.3f | %s |%n%n", at.maxAlerts(), at.alerts(),
                    at.alertsPerDay(), at.busiestDayAlerts(), at.precision(), at.recall(),
                    java.math.BigDecimal.valueOf(at.valueCents(), 2).toPlainString()));
            md.append("Drift from the training period to the held-out period (population stability index; below 0.1 stable, "
                    + "0.1–0.25 watch, above 0.25 the model needs retraining; the live equivalents are the views `v_score_drift_daily` and `v_feature_drift_daily`):\n\n"
                    + "| of | PSI |\n|---|---|\n");
            t.heldOutDrift().forEach((what, psi) -> md.append(String.format(Locale.ROOT, "| %s | %.4f |%n",
                    what.equals("score") ? "the score" : "feature " + what, psi)));
            md.append('\n');
            md.append("Recall per fraud scenario at the threshold:\n\n| scenario | caught | of | recall |\n|---|---|---|---|\n");
            e.recallByScenario().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(s -> md.append(String.format(
                    Locale.ROOT, "| %s | %d | %d | %.3f |%n", s.getKey(), (long) s.getValue()[0], (long) s.getValue()[1],
                    s.getValue()[0] / s.getValue()[1])));
            FraudTraining.Evaluation a = t.anomalyHoldout();
            md.append(String.format(Locale.ROOT, "%nUnsupervised anomaly score (isolation forest, trained on the same rows without labels): "
                    + "held-out AUC %.4f, average precision %.4f. It is not used for alerts; it ranks what looks unusual, "
                    + "for patterns no label describes yet (`v_unusual_unflagged` view).%n", a.auc(), a.averagePrecision()));
            if (!t.unseen().isEmpty()) {
                md.append(String.format(Locale.ROOT, "%nScenarios labelled among the held-out %ss that no training row carried (a new kind "
                        + "of fraud): the model's recall at its threshold, and how many the anomaly score ranks among the %,d most unusual "
                        + "held-out %ss (as many as the budget lets the risk team review):%n%n"
                        + "| scenario | held-out subjects | caught by the model (recall) | among the top anomalies | anomaly recall |%n"
                        + "|---|---|---|---|---|%n", subject, at.maxAlerts(), subject));
                for (FraudTraining.UnseenScenario u : t.unseen()) {
                    md.append(String.format(Locale.ROOT, "| %s | %,d | %,d (%.3f) | %,d | %.3f |%n", u.scenario(), u.subjects(),
                            u.caughtByModel(), u.modelRecall(), u.amongTopAnomalies(), u.anomalyRecall()));
                }
            }
            md.append("\n![ROC](roc-").append(subject).append(".png) ![PR](pr-").append(subject).append(".png) ![calibration](calibration-")
                    .append(subject).append(".png)\n\n");
            double[] importance = t.model().model().importance();
            md.append("Feature importance (top 8):\n\n| feature | importance |\n|---|---|\n");
            IntStream.range(0, importance.length).boxed().sorted(Comparator.comparingDouble(i -> -importance[i])).limit(8)
                    .forEach(i -> md.append(String.format(Locale.ROOT, "| %s | %.1f |%n", FraudFeatures.NAMES.get(i), importance[i])));
            md.append('\n');
        }
        Path markdown = dir.resolve("report.md");
        Files.writeString(markdown, md.toString());
        Files.writeString(dir.resolve("report.html"), html(md.toString()));
        return markdown;
    }

    /** A minimal Markdown-to-HTML rendering of the report (headings, tables, images, paragraphs). */
    static String html(String markdown) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>leaderlens training report</title>"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:4px 8px}img{width:45%}</style></head><body>\n");
        boolean inTable = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("|")) {
                if (line.startsWith("|---")) {
                    continue;
                }
                if (!inTable) {
                    html.append("<table>\n");
                    inTable = true;
                }
                html.append("<tr>");
                for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                    html.append("<td>").append(escape(cell.trim())).append("</td>");
                }
                html.append("</tr>\n");
                continue;
            }
            if (inTable) {
                html.append("</table>\n");
                inTable = false;
            }
            if (line.startsWith("## ")) {
                html.append("<h2>").append(escape(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("# ")) {
                html.append("<h1>").append(escape(line.substring(2))).append("</h1>\n");
            } else if (line.startsWith("![")) {
                for (String img : line.split(" ")) {
                    String src = img.substring(img.indexOf('(') + 1, img.indexOf(')'));
                    html.append("<img src=\"").append(src).append("\" alt=\"").append(src).append("\">");
                }
                html.append('\n');
            } else if (!line.isBlank()) {
                html.append("<p>").append(escape(line).replaceAll("`([^`]*)`", "<code>$1</code>")).append("</p>\n");
            }
        }
        if (inTable) {
            html.append("</table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
