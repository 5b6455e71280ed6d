package io.leaderlens.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The processes of one data directory: each started with its output in {@code logs/<name>.log} and its pid in
 * {@code pids/<name>.pid}. A recorded process counts only while it is alive and still ours (its command line
 * names the data directory), so a stale pid file never makes us stop someone else's process.
 */
final class ServiceProcesses {
    private static final long STOP_GRACE_SECONDS = 30;

    private final Path dataDir;
    private final Consumer<String> log;

    ServiceProcesses(Path dataDir, Consumer<String> log) {
        this.dataDir = requireNonNull(dataDir, "dataDir");
        this.log = requireNonNull(log, "log");
    }

    void start(String service, List<String> command, Map<String, String> env) throws IOException {
        Files.createDirectories(dataDir.resolve("logs"));
        Files.createDirectories(dataDir.resolve("pids"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(service).toFile())).directory(dataDir.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        Files.writeString(pidFile(service), Long.toString(process.pid()));
        log.accept("started " + service + " (pid " + process.pid() + ", log " + logFile(service) + ")");
    }

    /** Stops the service if it runs (SIGTERM, then SIGKILL after a grace period) and forgets its pid. */
    void stop(String service) {
        Optional<ProcessHandle> process = process(service);
        if (process.isPresent()) {
            ProcessHandle handle = process.get();
            handle.destroy();
            try {
                handle.onExit().get(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
            log.accept("stopped " + service + " (pid " + handle.pid() + ")");
        }
        try {
            Files.deleteIfExists(pidFile(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void runToCompletion(String name, List<String> command, Path workDir) throws IOException {
        Files.createDirectories(dataDir.resolve("logs"));
        Path out = logFile(name);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .directory(workDir.toFile()).start();
        try {
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            if (!finished || process.exitValue() != 0) {
                process.destroyForcibly();
                // kept apart: a second attempt writes the same log, and this one says why the first failed
                Path failed = out.resolveSibling(name + ".failed.log");
                Files.copy(out, failed, StandardCopyOption.REPLACE_EXISTING);
                throw new IllegalStateException(name + (finished ? " exited with " + process.exitValue() : " did not finish in 5 minutes")
                        + "; output in " + failed + ", ending:\n" + tail(failed, 15));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    boolean isRunning(String service) {
        return process(service).isPresent();
    }

    void requireAlive(String service) {
        if (!isRunning(service)) {
            throw new IllegalStateException(service + " exited during start-up; see " + logFile(service));
        }
    }

    /** The recorded process, if it is alive and still ours. */
    Optional<ProcessHandle> process(String service) {
        Path pidFile = pidFile(service);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean isOurs(ProcessHandle handle) {
        Optional<String> commandLine = handle.info().commandLine();
        if (commandLine.isPresent()) {
            return commandLine.get().contains(dataDir.toString());
        }
        try {
            // /proc/<pid>/cmdline is NUL-separated; info() may leave it empty for long command lines
            String raw = Files.readString(Path.of("/proc/" + handle.pid() + "/cmdline"));
            return raw.contains(dataDir.toString());
        } catch (IOException e) {
            return false;
        }
    }

    private Path pidFile(String service) {
        return dataDir.resolve("pids/" + service + ".pid");
    }

    Path logFile(String service) {
        return dataDir.resolve("logs/" + service + ".log");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
