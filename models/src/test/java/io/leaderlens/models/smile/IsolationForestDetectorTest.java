package io.leaderlens.models.smile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IsolationForestDetectorTest {
    @Test
    void scoresEqualSmilesOwnBitForBit() {
        Random random = new Random(3);
        double[][] x = new double[2_000][6];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = j % 2 == 0 ? random.nextGaussian() * 10 : (random.nextInt(5) - 2); // continuous and discrete features
            }
        }
        List<String> names = IntStream.range(0, 6).mapToObj(i -> "f" + i).toList();
        IsolationForestDetector detector = IsolationForestDetector.train(names, x, IsolationForestDetector.Settings.defaults());
        for (int i = 0; i < 500; i++) {
            double[] probe = x[random.nextInt(x.length)].clone();
            if (i % 3 == 0) {
                probe[random.nextInt(6)] *= 25; // outliers too
            }
            assertThat(Double.doubleToLongBits(detector.score(probe))).isEqualTo(Double.doubleToLongBits(detector.smileScore(probe)));
        }
    }
}
