package io.leaderlens.chaos;

/** The faults a chaos run injects, each one a way a production deployment really breaks. */
public enum FaultKind {
    TASK_MANAGER_KILLED("kill -9 of a TaskManager running the jobs, then started again"),
    JOB_MANAGER_KILLED("kill -9 of the JobManager (no HA: its jobs die with it), started again, the jobs resumed from their newest checkpoints"),
    KAFKA_STOPPED("the Kafka broker stopped, started again on its data a few seconds later"),
    CATALOG_KILLED("kill -9 of the Iceberg REST catalog, started again on its database file"),
    COMMIT_RESPONSE_LOST("an Iceberg commit succeeds but its response is dropped: the writer fails over not knowing it landed (apache/iceberg#14425)"),
    COMMIT_HELD_ACROSS_RESTART("an Iceberg commit held back while the writer, restarted between checkpoint and commit, commits again; the held one lands first"),
    SETTLEMENT_KILLED("kill -9 of ./leaderlens settle as it commits a week, then settled again");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Faults on an Iceberg commit: they wait for a commit with data (empty checkpoints commit nothing). */
    public boolean needsDataCommits() {
        return this == COMMIT_RESPONSE_LOST || this == COMMIT_HELD_ACROSS_RESTART;
    }

    /** Faults that strike running jobs (the others strike the settlement after them). */
    public boolean strikesJobs() {
        return this != SETTLEMENT_KILLED;
    }
}
