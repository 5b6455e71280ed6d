package io.leaderlens.models.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaderlens.events.EventValidator;
import io.leaderlens.events.PlatformEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdhBenchmarkTest {
    private static final String HEADER = "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,TX_FRAUD,TX_FRAUD_SCENARIO";

    private static Path gz(Path dir, String... lines) throws IOException {
        Path file = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void readsExactCentsAndMapsToValidOrderEvents(@TempDir Path dir) throws IOException {
        List<FdhBenchmark.Transaction> rows = FdhBenchmark.read(gz(dir, HEADER,
                "0,2018-04-01 00:00:31,596,3156,57.16,31,0,0,0",
                "1,2018-04-01 00:02:10,4961,3412,0.29,130,0,1,3"));
        assertThat(rows.get(0).amountCents()).isEqualTo(5_716);
        assertThat(rows.get(1).amountCents()).isEqualTo(29);
        assertThat(rows.get(1).fraud()).isTrue();
        assertThat(rows.get(1).scenario()).isEqualTo(3);
        PlatformEvent event = PlatformEvent.of(FdhBenchmark.toOrderEvent(rows.get(0)));
        assertThat(new EventValidator().violation(event)).isEmpty();
        assertThat(event.order().getPickupPointId()).isEqualTo("fdh-t3156");
        assertThat(event.order().getUserId()).isEqualTo("fdh-c596");
    }

    @Test
    void refusesAnotherFile(@TempDir Path dir) throws IOException {
        Path file = gz(dir, "a,b,c", "1,2,3");
        assertThatThrownBy(() -> FdhBenchmark.read(file)).hasMessageContaining("not the handbook's transactions CSV");
    }

    @Test
    void cardPrecisionCountsEachCaughtCustomerOnce() {
        long day = 86_400_000L;
        List<FdhBenchmark.Transaction> rows = List.of(
                new FdhBenchmark.Transaction(1, 0, "a", "t", 100, true, 3),
                new FdhBenchmark.Transaction(2, 10, "b", "t", 100, false, 0),
                new FdhBenchmark.Transaction(3, day, "a", "t", 100, true, 3),
                new FdhBenchmark.Transaction(4, day + 10, "b", "t", 100, false, 0));
        double[] scores = {0.9, 0.1, 0.9, 0.1};
        // day 1: top-1 is a (fraud) -> 1.0; day 2: a is already caught, top-1 is b (no fraud) -> 0.0
        assertThat(FdhBenchmark.cardPrecisionAtK(rows, scores, 1)).isEqualTo(0.5);
    }

    @Test
    void productionFeaturesComeFromTheLiveExtractorOneOrderRowPerTransaction() {
        long day = 86_400_000L;
        List<FdhBenchmark.Transaction> rows = List.of(
                new FdhBenchmark.Transaction(1, 0, "a", "t1", 1_250, false, 0),
                new FdhBenchmark.Transaction(2, 10, "b", "t1", 300, false, 0),
                new FdhBenchmark.Transaction(3, day, "a", "t2", 99_900, true, 3),
                new FdhBenchmark.Transaction(4, day + 10, "a", "t2", 400, false, 0),
                new FdhBenchmark.Transaction(5, 9 * day, "b", "t2", 500, false, 0));
        double[][] features = FdhBenchmark.productionFeatures(rows);
        assertThat(features).hasNumberOfRows(5);
        int amount = io.leaderlens.features.FraudFeatures.index("amount_yuan");
        int paidOrders = io.leaderlens.features.FraudFeatures.index("member_paid_orders");
        int device = io.leaderlens.features.FraudFeatures.index("device_accounts_7d");
        // recounted from the rows: each customer's paid orders so far, this one included; one phone per customer
        assertThat(java.util.Arrays.stream(features).mapToDouble(f -> f[amount])).containsExactly(12.5, 3.0, 999.0, 4.0, 5.0);
        assertThat(java.util.Arrays.stream(features).mapToDouble(f -> f[paidOrders])).containsExactly(1.0, 1.0, 2.0, 3.0, 2.0);
        assertThat(java.util.Arrays.stream(features).mapToDouble(f -> f[device])).containsOnly(1.0);
        // the fraud at t2 on day 1 came back as a chargeback a week later: on day 9, t2's settled day holds its two
        // orders of day 1, one of them claimed
        assertThat(features[4][io.leaderlens.features.FraudFeatures.index("pickup_settled_claim_rate_1d")]).isEqualTo(0.5);
        assertThat(features[3][io.leaderlens.features.FraudFeatures.index("pickup_settled_claim_rate_30d")]).as("nothing settled yet").isZero();
    }
}
