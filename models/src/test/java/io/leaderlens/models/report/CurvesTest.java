package io.leaderlens.models.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvesTest {
    @Test
    void rocAndPrPointsFollowTheThresholds(@TempDir Path dir) throws Exception {
        double[] scores = {0.9, 0.8, 0.3, 0.1};
        int[] labels = {1, 0, 1, 0};
        Curves.Curve roc = Curves.roc(scores, labels, "t", 0.75);
        // thresholds 0.9, 0.8, 0.3, 0.1 -> (fpr, tpr): (0,.5) (.5,.5) (.5,1) (1,1), after the origin
        assertThat(roc.x()).containsExactly(0, 0, 0.5, 0.5, 1);
        assertThat(roc.y()).containsExactly(0, 0.5, 0.5, 1, 1);
        Curves.Curve pr = Curves.precisionRecall(scores, labels, "t", 0.83);
        assertThat(pr.y()).containsExactly(1, 1, 0.5, 2 / 3.0, 0.5);
        Path png = dir.resolve("roc.png");
        Curves.writePng(roc, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(400);
    }

    @Test
    void calibrationPointsAreTheMeanPredictionAndTheFraudShareOfEachBin(@TempDir Path dir) throws Exception {
        double[] p = {0.05, 0.05, 0.15, 0.95, 0.85, 0.92};
        int[] labels = {0, 0, 1, 1, 0, 1};
        Curves.Curve curve = Curves.calibration(p, labels, "t");
        // bins [0, .1): 0.05, 0.05 → (0.05, 0); [.1, .2): 0.15 → (0.15, 1); [.8, .9): 0.85 → (0.85, 0); [.9, 1]: 0.95, 0.92 → (0.935, 1)
        assertThat(curve.x()).containsExactly(new double[] {0.05, 0.15, 0.85, 0.935}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(curve.y()).containsExactly(0, 1, 0, 1);
        double brier = (0.0025 + 0.0025 + 0.7225 + 0.0025 + 0.7225 + 0.0064) / 6;
        assertThat(curve.legend()).startsWith("Brier score ");
        assertThat(Double.parseDouble(curve.legend().substring("Brier score ".length())))
                .isCloseTo(brier, org.assertj.core.data.Offset.offset(1e-4)); // (printed to 4 places)
        assertThat(curve.diagonal()).isTrue();
        Curves.writePng(curve, dir.resolve("calibration.png"));
        assertThat(ImageIO.read(dir.resolve("calibration.png").toFile()).getHeight()).isGreaterThan(400);
    }

    @Test
    void reportHtmlHasTablesAndImages() {
        String html = TrainingReport.html("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![ROC](roc-order.png) ![PR](pr-order.png)\n");
        assertThat(html).contains("<h1>T</h1>").contains("<td>1</td><td>2</td>").contains("<img src=\"roc-order.png\"");
    }
}
