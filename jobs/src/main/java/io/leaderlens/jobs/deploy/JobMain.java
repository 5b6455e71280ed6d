package io.leaderlens.jobs.deploy;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.jobs.runtime.JobRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What the jobs' main classes share: a job started by Flink itself from the job jar (an application cluster, as
 * the Kubernetes operator runs it), configured from a mounted leaderlens.properties, following its topics from
 * the consumer group's committed offsets or from the checkpoint or savepoint Flink restores.
 */
final class JobMain {
    /** The parsed arguments of a job's main. */
    record Arguments(Path config, String profile) {
        static Arguments parse(String job, String[] args) {
            Path config = null;
            String profile = "cluster";
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new IllegalArgumentException(usage(job));
                }
                if ((arg.equals("--config") || arg.equals("--profile")) && i + 1 == args.length) {
                    problems.add(arg + " needs a value");
                } else if (arg.equals("--config")) {
                    config = Path.of(args[++i]);
                } else if (arg.equals("--profile")) {
                    profile = args[++i];
                } else {
                    problems.add("unknown argument '" + arg + "'");
                }
            }
            if (config == null) {
                problems.add("--config is required");
            } else if (!Files.isRegularFile(config)) {
                problems.add("configuration file " + config + " not found");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems) + "\n" + usage(job));
            }
            return new Arguments(config, profile);
        }

        static String usage(String job) {
            return "usage: " + job + " --config /etc/leaderlens/leaderlens.properties [--profile cluster]";
        }
    }

    private JobMain() {}

    static void run(String job, String[] args) throws Exception {
        Arguments arguments = Arguments.parse(job, args);
        LeaderlensConfig config = LeaderlensConfig.load(arguments.config(), arguments.profile(), System.getenv())
                .with("job.target", "application");
        StreamExecutionEnvironment env = new JobRuntime(config).environment();
        JobDeployment.build(job, config, env, null);
        env.execute(job);
    }
}
