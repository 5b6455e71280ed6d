package io.leaderlens.cli;

import io.leaderlens.config.LeaderlensConfig;
import io.leaderlens.console.ConsolePages;
import io.leaderlens.console.ConsoleServer;
import io.leaderlens.console.TrinoPanelSource;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the web console until Ctrl-C: ops (GMV by hour, leaderboards, funnels, group formation, sales, data "
                + "quality), risk (alerts, budget, precision, model changes), commissions (payouts, holds, rate changes, top "
                + "earners) and each leader's workspace (/leaders/<id>), read live from the Trino views")
public final class DashboardCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Option(names = "--port", description = "port to listen on (default: console.port of the configuration; 0: any free port)")
    Integer port;

    @Override
    public Integer call() throws Exception {
        LeaderlensConfig config = context.config();
        try (ConsoleServer console = start(config, port == null ? config.getInt("console.port") : port)) {
            Log.info("console: serving until Ctrl-C; pages refresh every 10 s while jobs write");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "stop-console"));
            stopped.await();
        }
        return 0;
    }

    /** Starts the console on the configured Trino, signed in as the console role; logs and returns its address. */
    static ConsoleServer start(LeaderlensConfig config, int port) {
        ConsoleServer console = new ConsoleServer(new ConsolePages(config.getZone("timezone")),
                new TrinoPanelSource(CliContext.trino(config, "console")), Log::info);
        URI address = console.start(config.get("console.host"), port);
        Log.info("console: " + address + " (ops), " + address + "risk, " + address + "commissions, " + address + "leaders/<leader id>");
        return console;
    }
}
