package io.leaderlens.cli;

import io.leaderlens.jobs.runtime.JobRuntime;
import io.leaderlens.privacy.Pseudonyms;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pseudonym", mixinStandardHelpOptions = true,
        description = "The pseudonym a device id, IP address or payment account has in the tables, topics and alerts (under every "
                + "key version still listed, current first), so the risk team can search for a value it holds. Raw values are "
                + "never stored, and nothing turns a pseudonym back into one. --rotate starts a new current key version.")
public final class PseudonymCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--value", description = "the raw identifier to look up")
    String value;

    @Option(names = "--rotate", description = "add a new current key version (older ones stay listed until removed by hand; docs/privacy.md)")
    boolean rotate;

    @Override
    public Integer call() throws Exception {
        Path file = keyFile();
        if (rotate) {
            Log.info("pseudonym key " + Pseudonyms.rotate(file) + " is now current in " + file
                    + "; restart the jobs (from a savepoint) to apply it");
        }
        if (value != null) {
            List<String> forms = Pseudonyms.read(file).all(value);
            forms.forEach(System.out::println);
        } else if (!rotate) {
            Log.info("nothing to do: give --value (or --rotate); see --help");
            return 2;
        }
        return 0;
    }

    private Path keyFile() throws Exception {
        return context.rawConfig().find("privacy.key-file").map(Path::of).orElse(JobRuntime.localKeyFile());
    }
}
