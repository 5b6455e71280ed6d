package io.leaderlens.jobs.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Test probe: passes elements through, remembers the newest event time it has seen when each checkpoint is
 * taken, and when that checkpoint has completed, measures it on disk (every file of its {@code chk-N}
 * directory: full snapshots of the heap backend hold the whole state). Results stay in this JVM (MiniCluster).
 */
final class CheckpointSizes<T> implements MapFunction<T, T>, CheckpointedFunction, CheckpointListener {
    /** One completed checkpoint: the newest event time before its barrier, and its size in bytes. */
    record Measured(long checkpointId, long eventTime, long bytes) {}

    interface EventTime<T> extends java.io.Serializable {
        long of(T element);
    }

    private static final Map<String, List<Measured>> RESULTS = new ConcurrentHashMap<>();
    private static final Map<String, Map<Long, Long>> TAKEN_AT = new ConcurrentHashMap<>();

    private final String run;
    private final String checkpointRoot;
    private final EventTime<T> eventTime;
    private long newest = Long.MIN_VALUE;

    CheckpointSizes(String run, Path checkpointRoot, EventTime<T> eventTime) {
        this.run = run;
        this.checkpointRoot = checkpointRoot.toString();
        this.eventTime = eventTime;
        RESULTS.put(run, new CopyOnWriteArrayList<>());
        TAKEN_AT.put(run, new ConcurrentHashMap<>());
    }

    static List<Measured> of(String run) {
        return List.copyOf(RESULTS.get(run));
    }

    @Override
    public T map(T value) {
        newest = Math.max(newest, eventTime.of(value));
        return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        TAKEN_AT.get(run).put(context.getCheckpointId(), newest);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {}

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        Long at = TAKEN_AT.get(run).get(checkpointId);
        if (at == null || at == Long.MIN_VALUE) {
            return;
        }
        Path dir = Path.of(checkpointRoot);
        try (Stream<Path> jobs = Files.list(dir)) {
            for (Path job : jobs.toList()) {
                Path chk = job.resolve("chk-" + checkpointId);
                if (Files.isDirectory(chk)) {
                    RESULTS.get(run).add(new Measured(checkpointId, at, size(chk)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // subsumed and deleted meanwhile
                }
            }).sum();
        }
    }
}
