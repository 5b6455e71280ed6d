package io.leaderlens.models.scoring;

import static java.util.Objects.requireNonNull;

import io.leaderlens.features.FeatureRow;
import io.leaderlens.models.registry.ModelRegistry;
import io.leaderlens.models.training.LabelledHistory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Scores a file of events with the registry's current models and the same feature code as training,
 * for backtests and audits: one CSV row per scored moment, without labels.
 */
public final class OfflineScoring {
    /** What was written. */
    public record Summary(long rows, long alerts, String orderModel, String memberModel, java.util.Optional<String> setAside) {}

    private final ModelRegistry.Entry orderModel;
    private final ModelRegistry.Entry memberModel;

    public OfflineScoring(ModelRegistry.Entry orderModel, ModelRegistry.Entry memberModel) {
        this.orderModel = requireNonNull(orderModel, "orderModel");
        this.memberModel = requireNonNull(memberModel, "memberModel");
    }

    /** {@code events}: a directory holding events.jsonl (labels, if present, are not used) or the file itself. */
    public Summary score(Path events, Path csv) throws IOException {
        Path directory = Files.isDirectory(events) ? events : events.toAbsolutePath().getParent();
        if (!Files.isDirectory(events) && !events.getFileName().toString().equals("events.jsonl")) {
            throw new IOException("expected a directory with events.jsonl, or a file named events.jsonl: " + events);
        }
        LabelledHistory history = LabelledHistory.read(directory);
        long alerts = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("subject,id,event_id,event_time,leader_id,score,threshold,alert,model_version,anomaly_score\n");
            for (FeatureRow row : history.rows()) {
                ModelRegistry.Entry model = row.subject().equals(FeatureRow.ORDER) ? orderModel : memberModel;
                double score = model.model().score(row.values());
                boolean alert = score >= model.threshold();
                alerts += alert ? 1 : 0;
                String anomaly = model.anomaly().map(a -> String.format(Locale.ROOT, "%.6f", a.score(row.values()))).orElse("");
                out.write(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%.6f,%.6f,%s,%s,%s%n", row.subject(), row.subjectId(),
                        row.eventId(), row.eventTime(), row.leaderId(), score, model.threshold(), alert, model.versionName(), anomaly));
            }
        }
        return new Summary(history.rows().size(), alerts, orderModel.versionName(), memberModel.versionName(), history.setAsideNote());
    }

}
