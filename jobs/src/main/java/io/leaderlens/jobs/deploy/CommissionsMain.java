package io.leaderlens.jobs.deploy;

import io.leaderlens.jobs.commissions.CommissionRunner;

/** The commission (ledger, adjusted rates, rate feed) job's entry point in the job jar: {@code --config FILE [--profile cluster]}. */
public final class CommissionsMain {
    private CommissionsMain() {}

    public static void main(String[] args) throws Exception {
        JobMain.run(CommissionRunner.JOB_NAME, args);
    }
}
