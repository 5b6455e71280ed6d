package io.leaderlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaderlens.jobs.runtime.JobRuntime;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List the jobs of the Flink session cluster (flink.rest-address; the local one of ./leaderlens cluster up by default), newest first.")
public final class JobsCommand implements Callable<Integer> {
    @Mixin
    CliContext context;

    @Override
    public Integer call() throws Exception {
        String address = new JobRuntime(context.rawConfig()).restAddress();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + "/jobs/overview"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("no Flink cluster answers at " + address + ": start one with ./leaderlens cluster up");
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the Flink cluster at " + address + " answered " + response.statusCode() + ": " + response.body());
        }
        List<JsonNode> jobs = new ArrayList<>();
        new ObjectMapper().readTree(response.body()).path("jobs").forEach(jobs::add);
        jobs.sort((a, b) -> Long.compare(b.path("start-time").asLong(), a.path("start-time").asLong()));
        System.out.printf("%-32s  %-16s  %-11s  %-20s  %s%n", "job id", "name", "state", "started (UTC)", "duration");
        for (JsonNode job : jobs) {
            System.out.printf("%-32s  %-16s  %-11s  %-20s  %s%n", job.path("jid").asText(), job.path("name").asText(),
                    job.path("state").asText(), Instant.ofEpochMilli(job.path("start-time").asLong()).toString().substring(0, 19),
                    Duration.ofMillis(job.path("duration").asLong()).toSeconds() + " s");
        }
        if (jobs.isEmpty()) {
            System.out.println("(no jobs; web UI http://" + address + ")");
        }
        return 0;
    }
}
