package io.leaderlens.it;

import io.leaderlens.cli.CliContext;
import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.stack.LocalStack;
import io.leaderlens.stack.StackPorts;
import io.leaderlens.tables.IcebergCatalogs;
import io.leaderlens.jobs.deploy.LeaderlensTables;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real local stack (Kafka, Iceberg REST catalog, Trino) for all integration tests in this JVM, started
 * on free loopback ports under target/ with the same code as {@code ./leaderlens up}, stopped at JVM exit.
 */
final class SharedStack {
    private static LeaderlensConfig config;

    private SharedStack() {}

    static synchronized LeaderlensConfig config() throws Exception {
        if (config == null) {
            Path root = Path.of(System.getProperty("user.dir")).getParent();
            StackPorts ports = StackPorts.free();
            LeaderlensConfig raw = LeaderlensConfig.load(root.resolve("conf/leaderlens.properties"), "local", Map.of())
                    .with("stack.data-dir", Path.of("target/stack").toAbsolutePath().toString())
                    .with("commissions.rate-card", root.resolve("conf/rate-card.properties").toString())
                    .with("stack.kafka-port", String.valueOf(ports.kafka()))
                    .with("stack.kafka-controller-port", String.valueOf(ports.kafkaController()))
                    .with("stack.catalog-port", String.valueOf(ports.catalog()))
                    .with("stack.trino-port", String.valueOf(ports.trino()))
                    .with("stack.trino-internal-port", String.valueOf(ports.trinoInternal()));
            LocalStack stack = CliContext.localStack(raw);
            stack.down(); // leftovers of an interrupted run
            Runtime.getRuntime().addShutdownHook(new Thread(stack::down, "stop-local-stack"));
            config = CliContext.localPlatform(raw).up();
            // tables left by an earlier run would mix into this run's figures
            IcebergCatalogs.recreateTables(config, new LeaderlensTables(config.getZone("timezone")));
        }
        return config;
    }

    /** The configuration as a file, for what runs outside this JVM (the CLI in a process of its own, a job's main). */
    static Path writeConfig(LeaderlensConfig config, Path file) throws java.io.IOException {
        return config.writeTo(file, "the shared stack of the integration tests");
    }
}
