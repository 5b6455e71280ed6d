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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster on 127.0.0.1, as separate JVMs: one JobManager (REST endpoint, web UI, jar
 * upload) and a number of TaskManagers. Flink's distribution is not on Maven Central, so the processes start the
 * runtime's entry points ({@code StandaloneSessionClusterEntrypoint}, {@code TaskManagerRunner}) from the
 * runtime jars, the way Flink's own process-failure tests do. Configuration, logs, checkpoints and savepoints
 * live under the stack's data directory ({@code flink/}).
 */
public final class LocalFlinkCluster {
    public static final String JOB_MANAGER = "flink-jobmanager";
    private static final String TASK_MANAGER = "flink-taskmanager-";
    private static final Duration READY = Duration.ofMinutes(5);
    private static final int FRAMEWORK_HEAP_MB = 128;
    private static final int NETWORK_MB = 128;
    private static final Pattern TASK_MANAGERS = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");
    private static final Pattern SLOTS = Pattern.compile("\"slots-total\"\\s*:\\s*(\\d+)");
    private static final Pattern RUNNING = Pattern.compile("\"jobs-running\"\\s*:\\s*(\\d+)");

    /**
     * Ports and size of the cluster.
     *
     * @param taskManagerMemoryMb each TaskManager's whole process (Flink's {@code taskmanager.memory.process.size})
     */
    public record Settings(int restPort, int rpcPort, int taskManagers, int slotsPerTaskManager, int taskManagerMemoryMb) {
        public Settings {
            if (taskManagers < 1 || slotsPerTaskManager < 1) {
                throw new IllegalArgumentException("a cluster needs at least one TaskManager with one slot");
            }
            if (taskManagerMemoryMb < 1024) {
                throw new IllegalArgumentException("a TaskManager needs at least 1024 MB, not " + taskManagerMemoryMb);
            }
        }
    }

    private final Path dataDir;
    private final Path home;
    private final FlinkClusterArtifacts artifacts;
    private final Settings settings;
    private final Consumer<String> log;
    private final ServiceProcesses processes;

    public LocalFlinkCluster(Path dataDir, FlinkClusterArtifacts artifacts, Settings settings, Consumer<String> log) {
        this.dataDir = requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        this.home = this.dataDir.resolve("flink");
        this.artifacts = requireNonNull(artifacts, "artifacts");
        this.settings = requireNonNull(settings, "settings");
        this.log = requireNonNull(log, "log");
        this.processes = new ServiceProcesses(this.dataDir, log);
    }

    public String restUrl() {
        return "http://127.0.0.1:" + settings.restPort();
    }

    private Path savepointDir() {
        return home.resolve("savepoints");
    }

    private Path checkpointDir() {
        return home.resolve("checkpoints");
    }

    /**
     * Starts what is not running — the whole cluster, or a JobManager or TaskManager that died (the others keep
     * running and find the new JobManager at the same address) — and waits until every slot is registered.
     */
    public void up() {
        try {
            if (processes.isRunning(JOB_MANAGER) && taskManagerNames().stream().allMatch(processes::isRunning)) {
                log.accept("flink cluster already running: " + restUrl());
                awaitSlots();
                return;
            }
            Path conf = writeConfiguration();
            if (!processes.isRunning(JOB_MANAGER)) {
                for (int port : new int[] {settings.restPort(), settings.rpcPort()}) {
                    if (!StackPorts.isFree(port)) {
                        throw new IllegalStateException("port " + port + " on 127.0.0.1 is taken: stop what uses it or set "
                                + "other stack.flink-*-port values in conf/leaderlens.properties");
                    }
                }
                clearWorkingDirectories("jm_"); // a JobManager's is named by a fresh id each start: old ones are litter
                processes.start(JOB_MANAGER, javaCommand(conf, JOB_MANAGER, 768,
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"), Map.of());
                awaitRest();
            }
            startTaskManagers(conf);
            awaitSlots();
            log.accept("flink cluster up: web UI and REST " + restUrl() + ", " + settings.taskManagers() + " TaskManagers x "
                    + settings.slotsPerTaskManager() + " slots (data in " + home + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startTaskManagers(Path conf) throws IOException {
        for (String name : taskManagerNames()) {
            if (!processes.isRunning(name)) {
                // a TaskManager keeps every job's jar it ever ran in its working directory, and a restarted one scans
                // them before it registers: minutes after a day of jobs. Its jobs fetch their jars again instead.
                clearWorkingDirectories("tm_" + name);
                List<String> command = javaCommand(conf, name, heapMb(), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
                command.addAll(List.of("-D", "taskmanager.resource-id=" + name));
                processes.start(name, command, Map.of());
            }
        }
    }

    /** Deletes the working directories (under {@code flink/work}) whose names start with the prefix. */
    private void clearWorkingDirectories(String prefix) throws IOException {
        Path work = workingDir();
        if (!Files.isDirectory(work)) {
            return;
        }
        List<Path> stale;
        try (Stream<Path> children = Files.list(work)) {
            stale = children.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
        for (Path directory : stale) {
            try (Stream<Path> tree = Files.walk(directory)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private Path workingDir() {
        return home.resolve("work");
    }

    /** Stops the TaskManagers first (their jobs fail over to nothing), then the JobManager. */
    public void down() {
        taskManagerNames().forEach(processes::stop);
        processes.stop(JOB_MANAGER);
    }

    /** The running processes of the cluster by name, for fault injection. */
    public Optional<ProcessHandle> process(String name) {
        return processes.process(name);
    }

    public List<String> taskManagerNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= settings.taskManagers(); i++) {
            names.add(TASK_MANAGER + i);
        }
        return names;
    }

    /** One line per process, then what the JobManager reports. */
    public List<String> status() {
        List<String> lines = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(JOB_MANAGER));
        names.addAll(taskManagerNames());
        for (String name : names) {
            lines.add(processes.process(name).map(p -> name + ": running (pid " + p.pid() + ")").orElse(name + ": stopped"));
        }
        overview().ifPresent(json -> lines.add("web UI " + restUrl() + ": " + number(TASK_MANAGERS, json) + " TaskManagers, "
                + number(SLOTS, json) + " slots, " + number(RUNNING, json) + " jobs running"));
        return lines;
    }

    public Path logFile(String name) {
        return processes.logFile(name);
    }

    private Path writeConfiguration() throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf);
        Files.createDirectories(home.resolve("uploads"));
        Files.createDirectories(checkpointDir());
        Files.createDirectories(savepointDir());
        // Flink 2 reads config.yaml; flat keys are valid YAML
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + settings.rpcPort(),
                "jobmanager.bind-host: 127.0.0.1",
                "jobmanager.memory.process.size: 1024m",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + settings.restPort(),
                "taskmanager.host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: " + settings.slotsPerTaskManager(),
                // what Flink's start scripts compute from the process size and pass to a TaskManager: its CPU share
                // and memory components (the JVM's -Xmx is framework + task heap)
                "taskmanager.cpu.cores: " + settings.slotsPerTaskManager(),
                "taskmanager.memory.framework.heap.size: " + FRAMEWORK_HEAP_MB + "m",
                "taskmanager.memory.task.heap.size: " + (heapMb() - FRAMEWORK_HEAP_MB) + "m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 192m",
                "taskmanager.memory.jvm-overhead.max: 192m",
                "taskmanager.memory.network.min: " + NETWORK_MB + "m",
                "taskmanager.memory.network.max: " + NETWORK_MB + "m",
                "taskmanager.memory.managed.size: " + settings.taskManagerMemoryMb() / 10 + "m",
                "parallelism.default: " + settings.slotsPerTaskManager(),
                "execution.checkpointing.dir: " + checkpointDir().toUri(),
                "execution.checkpointing.savepoint-dir: " + savepointDir().toUri(),
                "web.upload.dir: " + home.resolve("uploads"),
                // the processes' working directories (job jars, local state) under the stack, not in /tmp
                "process.working-dir: " + workingDir(),
                "web.submit.enable: true",
                "web.cancel.enable: true",
                // a killed TaskManager is noticed at once (its connections drop); a hung one within 30 s, not the
                // default 50 s — and not within 10 s, which a busy 2-core machine's GC pauses already reached
                "heartbeat.timeout: 30000",
                "heartbeat.interval: 2000",
                "classloader.check-leaked-classloader: false",
                ""));
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = out",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                "logger.kafka.name = org.apache.kafka",
                "logger.kafka.level = WARN",
                "logger.hadoop.name = org.apache.hadoop",
                "logger.hadoop.level = WARN",
                ""));
        return conf;
    }

    /** A TaskManager's heap: a little over half of its process (the rest: network buffers, managed memory, metaspace, JVM). */
    private int heapMb() {
        return settings.taskManagerMemoryMb() * 55 / 100;
    }

    private List<String> javaCommand(Path conf, String name, int heapMb, String mainClass) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:MaxDirectMemorySize=384m", "-XX:+UseG1GC"));
        command.addAll(artifacts.jvmArgs());
        command.addAll(List.of(
                "-Dleaderlens.stack=" + dataDir,
                "-Dlog.file=" + processes.logFile(name), // what the web UI shows as the process's log
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties"),
                "-cp", artifacts.classpath(), mainClass, "--configDir", conf.toString()));
        return command;
    }

    private void awaitRest() {
        long deadline = System.nanoTime() + READY.toNanos();
        while (overview().isEmpty()) {
            processes.requireAlive(JOB_MANAGER);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Flink JobManager did not answer within " + READY + "; see " + logFile(JOB_MANAGER));
            }
            ServiceProcesses.sleep(500);
        }
    }

    private void awaitSlots() {
        long deadline = System.nanoTime() + READY.toNanos();
        int wanted = settings.taskManagers() * settings.slotsPerTaskManager();
        while (true) {
            Optional<String> overview = overview();
            if (overview.isPresent() && number(TASK_MANAGERS, overview.get()) >= settings.taskManagers()
                    && number(SLOTS, overview.get()) >= wanted) {
                return;
            }
            for (String name : taskManagerNames()) {
                processes.requireAlive(name);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the TaskManagers did not register " + wanted + " slots within " + READY
                        + "; see " + logFile(taskManagerNames().get(0)));
            }
            ServiceProcesses.sleep(500);
        }
    }

    /** The JobManager's {@code /overview} JSON, if it answers. */
    private Optional<String> overview() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + "/overview")).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int number(Pattern field, String json) {
        Matcher m = field.matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
