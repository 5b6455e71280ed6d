package io.leaderlens.models.report;

import io.leaderlens.features.FraudFeatures;
import io.leaderlens.models.registry.ModelRegistry;
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
        md.append("Data: `").append(source).append("`. Time-based split: each model learns from events before the split and is ")
                .append("measured, and its alert threshold chosen, on the events after it. Feature list hash `")
                .append(FraudFeatures.HASH, 0, 12).append("…`.\n\n");
        for (int k = 0; k < trained.size(); k++) {
            FraudTraining.Trained t = trained.get(k);
            FraudTraining.Evaluation e = t.holdout();
            String subject = e.subject();
            Curves.writePng(Curves.roc(e.scores(), e.labels(), subject + " model", e.auc()), dir.resolve("roc-" + subject + ".png"));
            Curves.writePng(Curves.precisionRecall(e.scores(), e.labels(), subject + " model", e.averagePrecision()),
                    dir.resolve("pr-" + subject + ".png"));
            md.append("## ").append(saved.get(k).versionName()).append("\n\n");
            md.append(String.format(Locale.ROOT, "Trained on %,d %s rows (%,d fraudulent) before %s; held out: %,d %ss, %,d fraudulent.%n%n",
                    t.trainRows(), subject, t.trainFrauds(), Instant.ofEpochMilli(t.splitTime()), e.subjects(), subject, e.frauds()));
            md.append("| AUC | average precision | alert threshold | precision at threshold | recall at threshold | alerts |\n|---|---|---|---|---|---|\n");
            md.append(String.format(Locale.ROOT, "| %.4f | %.4f | %.3f | %.3f | %.3f | %,d |%n%n", e.auc(), e.averagePrecision(),
                    t.model().threshold(), e.atThreshold().precision(), e.atThreshold().recall(), e.atThreshold().flagged()));
            md.append("Recall per fraud scenario at the threshold:\n\n| scenario | caught | of | recall |\n|---|---|---|---|\n");
            e.recallByScenario().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(s -> md.append(String.format(
                    Locale.ROOT, "| %s | %d | %d | %.3f |%n", s.getKey(), (long) s.getValue()[0], (long) s.getValue()[1],
                    s.getValue()[0] / s.getValue()[1])));
            FraudTraining.Evaluation a = t.anomalyHoldout();
            md.append(String.format(Locale.ROOT, "%nUnsupervised anomaly score (isolation forest, trained on the same rows without labels): "
                    + "held-out AUC %.4f, average precision %.4f. It is not used for alerts; it ranks what looks unusual, "
                    + "for patterns no label describes yet (`risk_unusual_unflagged` view).%n", a.auc(), a.averagePrecision()));
            md.append("\n![ROC](roc-").append(subject).append(".png) ![PR](pr-").append(subject).append(".png)\n\n");
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
