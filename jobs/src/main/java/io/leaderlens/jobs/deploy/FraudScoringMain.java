package io.leaderlens.jobs.deploy;

import io.leaderlens.jobs.fraudscoring.FraudScoringRunner;

/** The fraud scoring (scores and alerts) job's entry point in the job jar: {@code --config FILE [--profile cluster]}. */
public final class FraudScoringMain {
    private FraudScoringMain() {}

    public static void main(String[] args) throws Exception {
        JobMain.run(FraudScoringRunner.JOB_NAME, args);
    }
}
