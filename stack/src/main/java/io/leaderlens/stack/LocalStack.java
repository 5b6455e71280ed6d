package io.leaderlens.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The local stack on 127.0.0.1: a single-node KRaft Kafka broker, Iceberg's reference REST catalog over a
 * file warehouse, and Trino with the Iceberg connector. Each runs as its own process, started from
 * artefacts in the Maven cache; everything lives under one data directory, and {@link #down()} stops exactly
 * the processes {@link #up} recorded there.
 */
public final class LocalStack {
    private static final Duration KAFKA_READY = Duration.ofSeconds(60);
    private static final Duration CATALOG_READY = Duration.ofSeconds(60);
    private static final Duration TRINO_READY = Duration.ofSeconds(180);
    private static final List<String> SERVICES = List.of("trino", "catalog", "kafka");

    private final Path dataDir;
    private final StackArtifacts artifacts;
    private final Consumer<String> log;
    private final ServiceProcesses processes;

    public LocalStack(Path dataDir, StackArtifacts artifacts, Consumer<String> log) {
        this.dataDir = requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        this.artifacts = requireNonNull(artifacts, "artifacts");
        this.log = requireNonNull(log, "log");
        this.processes = new ServiceProcesses(this.dataDir, log);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Starts whatever is not running yet and waits until every service answers. */
    public StackEndpoints up(StackPorts ports, List<String> topics) {
        return up(ports, topics, java.util.Set.of());
    }

    /** As {@link #up(StackPorts, List)}; {@code compacted} topics keep only the latest value per key (feeds). */
    public StackEndpoints up(StackPorts ports, List<String> topics, java.util.Set<String> compacted) {
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Files.createDirectories(dataDir.resolve("pids"));
            if (isRunning("trino") && !Files.isRegularFile(security().credentialsFile())) {
                log.accept("restarting Trino with password sign-in and access rules (docs/access.md)");
                processes.stop("trino");
            }
            if (isRunning("kafka") && isRunning("catalog") && isRunning("trino")) {
                log.accept("stack already running in " + dataDir);
                StackEndpoints running = StackEndpoints.readFrom(dataDir);
                awaitKafka(running, topics, compacted); // topics added by a newer version are created
                return running;
            }
            Optional<StackEndpoints> previous = Files.isRegularFile(dataDir.resolve(StackEndpoints.FILE))
                    ? Optional.of(StackEndpoints.readFrom(dataDir)) : Optional.empty();
            if (previous.isPresent() && SERVICES.stream().anyMatch(this::isRunning) && previous.get().equals(endpoints(ports))) {
                return restartDead(ports, previous.get(), topics, compacted);
            }
            down(); // a half-started stack of other ports, or none, is started whole
            Path trinoJava = JavaRuntimes.javaHomeForTrino(System.getenv());
            for (int port : new int[] {ports.kafka(), ports.kafkaController(), ports.catalog(), ports.trino(), ports.trinoInternal()}) {
                if (!StackPorts.isFree(port)) {
                    throw new IllegalStateException("port " + port + " on 127.0.0.1 is taken: stop what uses it or "
                            + "set other stack.*-port values in conf/leaderlens.properties");
                }
            }
            StackEndpoints endpoints = endpoints(ports);
            startKafka(ports);
            startCatalog(ports, endpoints.warehouse());
            startTrino(ports, trinoJava);
            awaitKafka(endpoints, topics, compacted);
            awaitCatalog(endpoints);
            awaitTrino(endpoints);
            endpoints.writeTo(dataDir);
            log.accept("stack up: kafka " + endpoints.kafkaBootstrapServers() + ", catalog " + endpoints.catalogUri()
                    + ", trino " + endpoints.trinoJdbcUrl() + " (data in " + dataDir + ")");
            return endpoints;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StackEndpoints endpoints(StackPorts ports) {
        // toUri() ends an existing directory's URI with '/': without stripping it, the endpoints of a stack that has
        // written its warehouse differ from those it started with, and a dead service restarted the whole stack
        String warehouse = dataDir.resolve("warehouse").toUri().toString().replace("file:/", "file:///").replace("file:////", "file:///")
                .replaceAll("/+$", "");
        // HTTPS with the stack's own certificate: Trino takes passwords over HTTPS only
        return new StackEndpoints("127.0.0.1:" + ports.kafka(), "http://127.0.0.1:" + ports.catalog(), warehouse,
                "jdbc:trino://127.0.0.1:" + ports.trino() + "?SSL=true&SSLTrustStorePath=" + security().certificate());
    }

    /**
     * A service that died (or was stopped) comes back alone, on its ports and with its data — Kafka's log
     * directory and the catalog's SQLite file survive — while the others keep running, as after a crash.
     */
    private StackEndpoints restartDead(StackPorts ports, StackEndpoints running, List<String> topics, java.util.Set<String> compacted)
            throws IOException {
        List<String> dead = SERVICES.stream().filter(s -> !isRunning(s)).toList();
        log.accept("restarting " + String.join(", ", dead) + " (the rest of the stack runs on)");
        if (dead.contains("kafka")) {
            startKafka(ports);
        }
        if (dead.contains("catalog")) {
            startCatalog(ports, running.warehouse());
        }
        if (dead.contains("trino")) {
            startTrino(ports, JavaRuntimes.javaHomeForTrino(System.getenv()));
        }
        awaitKafka(running, topics, compacted);
        awaitCatalog(running);
        awaitTrino(running);
        return running;
    }

    /** A running service's process (for fault injection: stop or kill it, then {@code up} brings it back). */
    public Optional<ProcessHandle> process(String service) {
        return processes.process(service);
    }

    /** Stops the processes this data directory's {@code up} started; others are never touched. */
    public void down() {
        try {
            Files.deleteIfExists(dataDir.resolve(StackEndpoints.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SERVICES.forEach(processes::stop);
    }

    /** One line per service: running or not, with its pid. */
    public List<String> status() {
        List<String> lines = new ArrayList<>();
        for (String service : List.of("kafka", "catalog", "trino")) {
            lines.add(processes.process(service).map(p -> service + ": running (pid " + p.pid() + ")").orElse(service + ": stopped"));
        }
        if (Files.isRegularFile(dataDir.resolve(StackEndpoints.FILE))) {
            StackEndpoints e = StackEndpoints.readFrom(dataDir);
            lines.add("endpoints: kafka " + e.kafkaBootstrapServers() + ", catalog " + e.catalogUri() + ", trino " + e.trinoJdbcUrl());
        }
        lines.add("data: " + dataDir);
        return lines;
    }

    public boolean isRunning(String service) {
        return processes.isRunning(service);
    }

    // ---- Kafka ----

    private void startKafka(StackPorts ports) throws IOException {
        Path dir = dataDir.resolve("kafka");
        Path config = dir.resolve("server.properties");
        Path logDir = dir.resolve("data");
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + ports.kafkaController());
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka() + ",CONTROLLER://127.0.0.1:" + ports.kafkaController());
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka());
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toString());
        props.setProperty("num.partitions", "2");
        // a single node: internal topics cannot be replicated
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("auto.create.topics.enable", "false");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "single-node KRaft broker written by leaderlens");
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> format = javaCommand(Path.of(System.getProperty("java.home")), "256m", artifacts.kafkaClasspath(),
                    "kafka.tools.StorageTool", "format", "-t", kafkaClusterId(), "-c", config.toString());
            try {
                runToCompletion("kafka-format", format);
            } catch (IllegalStateException first) {
                // seen once in CI on a fresh checkout, with the output lost to the next attempt; a failed format
                // leaves no meta.properties, so formatting again is safe, and a real fault fails twice
                log.accept("kafka-format failed, formatting once more: " + first.getMessage());
                runToCompletion("kafka-format", format);
            }
        }
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "rootLogger.level=INFO", "rootLogger.appenderRef.out.ref=out",
                "appender.out.type=Console", "appender.out.name=out", "appender.out.layout.type=PatternLayout",
                "appender.out.layout.pattern=[%d] %p %m (%c)%n",
                "logger.kafka.name=kafka", "logger.kafka.level=WARN",
                "logger.org.name=org.apache.kafka", "logger.org.level=WARN", ""));
        List<String> command = javaCommand(Path.of(System.getProperty("java.home")), "768m", artifacts.kafkaClasspath(),
                "kafka.Kafka", config.toString());
        command.add(1, "-Dlog4j2.configurationFile=" + log4j);
        start("kafka", command, Map.of());
    }

    private static String kafkaClusterId() {
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private void awaitKafka(StackEndpoints endpoints, List<String> topics, java.util.Set<String> compacted) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        long deadline = System.nanoTime() + KAFKA_READY.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                requireAlive("kafka");
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    break;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not answer within " + KAFKA_READY + "; see " + logFile("kafka"));
                    }
                    sleep(500);
                }
            }
            List<NewTopic> newTopics = topics.stream().map(t -> compacted.contains(t)
                    ? new NewTopic(t, 2, (short) 1).configs(java.util.Map.of("cleanup.policy", "compact"))
                    : new NewTopic(t, 2, (short) 1)).toList();
            for (var entry : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---- Iceberg REST catalog ----

    private void startCatalog(StackPorts ports, String warehouse) throws IOException {
        Path dir = dataDir.resolve("catalog");
        Files.createDirectories(dir);
        Files.createDirectories(dataDir.resolve("warehouse"));
        Map<String, String> env = Map.of(
                // SQLite allows one writer: one pooled connection, and waiting instead of failing on a lock;
                // otherwise the many tables committing at each checkpoint see SQLITE_BUSY
                "CATALOG_URI", "jdbc:sqlite:file:" + dir.resolve("catalog.db") + "?busy_timeout=30000&journal_mode=WAL",
                "CATALOG_CLIENTS", "1",
                "CATALOG_WAREHOUSE", warehouse,
                "CATALOG_REST_PORT", String.valueOf(ports.catalog()),
                "CATALOG_JDBC_USER", "leaderlens",
                "CATALOG_JDBC_PASSWORD", "leaderlens");
        List<String> command = new ArrayList<>(List.of(javaBin(Path.of(System.getProperty("java.home"))), "-Xmx384m",
                "-Dleaderlens.stack=" + dataDir, "-jar", artifacts.icebergRestJar().toString()));
        start("catalog", command, env);
    }

    private void awaitCatalog(StackEndpoints endpoints) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints.catalogUri() + "/v1/config")).GET().build();
        long deadline = System.nanoTime() + CATALOG_READY.toNanos();
        while (true) {
            requireAlive("catalog");
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Iceberg REST catalog did not answer within " + CATALOG_READY + "; see " + logFile("catalog"));
            }
            sleep(300);
        }
    }

    // ---- Trino ----

    private void startTrino(StackPorts ports, Path javaHome) throws IOException {
        Path home = installTrino();
        Path etc = dataDir.resolve("trino/etc");
        Files.createDirectories(etc.resolve("catalog"));
        Files.writeString(etc.resolve("node.properties"), String.join("\n",
                "node.environment=leaderlens",
                "node.id=leaderlens-local",
                "node.data-dir=" + dataDir.resolve("trino/data"),
                "node.bind-ip=127.0.0.1",
                "node.internal-address=127.0.0.1", ""));
        TrinoSecurity security = security();
        security.prepare(javaHome.resolve("bin/keytool"));
        List<String> config = new ArrayList<>(List.of(
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + ports.trinoInternal(),
                "discovery.uri=http://127.0.0.1:" + ports.trinoInternal(),
                "query.max-memory=1GB",
                "query.max-memory-per-node=1GB"));
        security.serverConfig(ports.trino()).forEach((key, value) -> config.add(key + "=" + value));
        Files.writeString(etc.resolve("config.properties"), String.join("\n", config) + "\n");
        Files.setPosixFilePermissions(etc.resolve("config.properties"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(etc.resolve("password-authenticator.properties"), security.passwordAuthenticatorConfig());
        Files.writeString(etc.resolve("access-control.properties"), security.accessControlConfig());
        Files.writeString(etc.resolve("jvm.config"), String.join("\n",
                "-server", "-Xmx2G", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Djdk.attach.allowAttachSelf=true",
                "-XX:+EnableDynamicAgentLoading", "--enable-native-access=ALL-UNNAMED", "-Dleaderlens.stack=" + dataDir, ""));
        Files.writeString(etc.resolve("log.properties"), "io.trino=INFO\n");
        // Trino must read the warehouse on the local disk: both settings are needed (see docs/stack.md)
        Files.writeString(etc.resolve("catalog/iceberg.properties"), String.join("\n",
                "connector.name=iceberg",
                "iceberg.catalog.type=rest",
                "iceberg.rest-catalog.uri=http://127.0.0.1:" + ports.catalog(),
                "fs.native-local.enabled=true",
                "local.location=/", ""));
        List<String> command = List.of(home.resolve("bin/launcher").toString(), "run", "--etc-dir=" + etc,
                "--data-dir=" + dataDir.resolve("trino/data"));
        start("trino", command, Map.of("JAVA_HOME", javaHome.toString(), "PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH")));
    }

    /** Unpacks the server and its Iceberg plugin from the Maven cache once. */
    private Path installTrino() throws IOException {
        Path dist = dataDir.resolve("dist");
        Path home = dist.resolve("trino-server-core-" + artifacts.trinoVersion());
        if (Files.isDirectory(home.resolve("plugin/iceberg"))) {
            return home;
        }
        log.accept("unpacking Trino " + artifacts.trinoVersion() + " into " + dist + " (first run only)");
        Files.createDirectories(dist);
        runToCompletion("unpack-trino", List.of("tar", "-xzf", artifacts.trinoServerTarball().toString(), "-C", dist.toString()));
        Path pluginTmp = dist.resolve("plugin-tmp");
        Files.createDirectories(pluginTmp);
        unzip(artifacts.trinoIcebergZip(), pluginTmp);
        try (Stream<Path> entries = Files.list(pluginTmp)) {
            Path unpacked = entries.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unexpected layout of " + artifacts.trinoIcebergZip()));
            Files.move(unpacked, home.resolve("plugin/iceberg"));
        }
        Files.delete(pluginTmp);
        return home;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    /** Sign-in and access rules of this stack's Trino. */
    public TrinoSecurity security() {
        return TrinoSecurity.of(dataDir);
    }

    private void awaitTrino(StackEndpoints endpoints) {
        long deadline = System.nanoTime() + TRINO_READY.toNanos();
        // "SERVER STARTED" is not ready: until a query answers, Trino says "No nodes available"
        while (true) {
            requireAlive("trino");
            try (Connection connection = DriverManager.getConnection(endpoints.trinoJdbcUrl(), "admin", security().password("admin").orElseThrow());
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Trino did not answer within " + TRINO_READY + "; see " + logFile("trino"), e);
                }
                sleep(1_000);
            }
        }
    }

    // ---- processes ----

    private List<String> javaCommand(Path javaHome, String heap, String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBin(javaHome), "-Xmx" + heap, "-Dleaderlens.stack=" + dataDir,
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static String javaBin(Path javaHome) {
        return javaHome.resolve("bin/java").toString();
    }

    private void start(String service, List<String> command, Map<String, String> env) throws IOException {
        processes.start(service, command, env);
    }

    private void runToCompletion(String name, List<String> command) throws IOException {
        processes.runToCompletion(name, command, dataDir);
    }

    private void requireAlive(String service) {
        processes.requireAlive(service);
    }

    public Path logFile(String service) {
        return processes.logFile(service);
    }

    private static void sleep(long millis) {
        ServiceProcesses.sleep(millis);
    }
}
