package io.leaderlens.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.leaderlens.config.LeaderlensConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/**
 * The production manifests of deploy/kubernetes (Flink Kubernetes Operator), checked in the build although no
 * Kubernetes runs here: every job has one, each names a main class of this build that starts that job, runs
 * the Flink version of this build, upgrades through savepoints, checkpoints RocksDB incrementally to object
 * storage with Kubernetes HA, and mounts what the cluster profile of conf/leaderlens.properties points to.
 */
class DeploymentManifestsTest {
    private static final Path KUBERNETES = Path.of("../deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> JOBS = JobDeployment.JOBS;

    @Test
    void everyJobHasAManifestAndTheKustomizationAppliesThemAll() throws Exception {
        JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).containsExactlyInAnyOrderElementsOf(JOBS.stream().map(j -> j + ".yaml").toList());
        for (String resource : resources) {
            assertThat(KUBERNETES.resolve(resource)).isRegularFile();
        }
    }

    @ParameterizedTest
    @FieldSource("JOBS")
    void theManifestDeploysThisBuildsJobWithSavepointUpgradesAndDurableState(String job) throws Exception {
        JsonNode manifest = YAML.readTree(KUBERNETES.resolve(job + ".yaml").toFile());
        assertThat(manifest.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(manifest.path("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(manifest.path("metadata").path("name").asText()).isEqualTo("leaderlens-" + job);
        JsonNode spec = manifest.path("spec");
        assertThat(spec.path("image").asText()).as("image").isNotBlank();
        String[] version = EnvironmentInformation.getVersion().split("\\.");
        assertThat(spec.path("flinkVersion").asText()).as("the Flink of this build").isEqualTo("v" + version[0] + "_" + version[1]);
        assertThat(spec.path("serviceAccount").asText()).isNotBlank();
        for (String process : List.of("jobManager", "taskManager")) {
            assertThat(spec.path(process).path("resource").path("memory").asText()).as(process + " memory").matches("\\d+[mg]");
            assertThat(spec.path(process).path("resource").path("cpu").asDouble()).as(process + " cpu").isPositive();
        }

        JsonNode flink = spec.path("flinkConfiguration");
        assertThat(flink.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(flink.path("state.backend.incremental").asText()).isEqualTo("true");
        assertThat(flink.path("execution.checkpointing.externalized-checkpoint-retention").asText()).isEqualTo("RETAIN_ON_CANCELLATION");
        assertThat(flink.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(flink.path("pipeline.generic-types").asText()).as("typed state only").isEqualTo("false");
        assertThat(Integer.parseInt(flink.path("taskmanager.numberOfTaskSlots").asText())).isPositive();
        for (String dir : List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "high-availability.storageDir")) {
            assertThat(flink.path(dir).asText()).as(dir + ": object storage, per job").startsWith("s3://").contains("/" + job + "/");
        }

        JsonNode jobSpec = spec.path("job");
        assertThat(jobSpec.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(jobSpec.path("state").asText()).isEqualTo("running");
        assertThat(jobSpec.path("parallelism").asInt()).isPositive();
        assertThat(jobSpec.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/leaderlens-jobs.jar");
        assertThat(Files.readString(Path.of("../deploy/docker/Dockerfile"))).as("the image puts the job jar where jarURI says")
                .contains(" /opt/flink/usrlib/leaderlens-jobs.jar");

        // the entry class is this build's main of that very job (its usage names the job)
        Method main = Class.forName(jobSpec.path("entryClass").asText()).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
        assertThatThrownBy(() -> invoke(main, "--help")).hasMessageContaining("usage: " + job + " ");

        // its arguments name a config file the pod mounts, under the profile the file defines
        List<String> args = new ArrayList<>();
        jobSpec.path("args").forEach(a -> args.add(a.asText()));
        assertThat(args).contains("--config", "--profile");
        String configFile = args.get(args.indexOf("--config") + 1);
        String profile = args.get(args.indexOf("--profile") + 1);
        List<String> mounts = new ArrayList<>();
        spec.path("podTemplate").path("spec").path("containers").forEach(c -> c.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText())));
        assertThat(mounts).as("a mount holds " + configFile).anyMatch(m -> configFile.startsWith(m + "/"));
        LeaderlensConfig config = LeaderlensConfig.load(Path.of("../conf/leaderlens.properties"), profile, java.util.Map.of());
        assertThat(mounts).as("a mount holds the rate card").anyMatch(m -> config.get("commissions.rate-card").startsWith(m + "/"));
        if (job.equals("fraud-scoring")) {
            assertThat(mounts).as("a mount holds the model registry").anyMatch(m -> config.get("fraud.registry").startsWith(m + "/"));
        }
        // the pseudonym key comes from a Kubernetes secret, the innermost mount over its path, not from the config map
        String keyFile = config.get("privacy.key-file");
        JsonNode podSpec = spec.path("podTemplate").path("spec");
        JsonNode keyMount = null;
        for (JsonNode container : podSpec.path("containers")) {
            for (JsonNode mount : container.path("volumeMounts")) {
                String path = mount.path("mountPath").asText();
                if (keyFile.startsWith(path + "/") && (keyMount == null || path.length() > keyMount.path("mountPath").asText().length())) {
                    keyMount = mount;
                }
            }
        }
        assertThat(keyMount).as("a mount holds the pseudonym key " + keyFile).isNotNull();
        String volume = keyMount.path("name").asText();
        List<JsonNode> volumes = new ArrayList<>();
        podSpec.path("volumes").forEach(volumes::add);
        assertThat(volumes).as("the key's volume is a secret").anyMatch(v -> v.path("name").asText().equals(volume) && v.has("secret"));
    }

    private static void invoke(Method main, String... args) throws Throwable {
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
