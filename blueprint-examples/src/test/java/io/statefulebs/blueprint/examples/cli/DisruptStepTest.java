package io.statefulebs.blueprint.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The walkthrough's optional {@code --disrupt} step on the embedded simulated cluster: output, reports, bad input. */
class DisruptStepTest {
    @Test
    void disruptRunsAfterTheFailoverAndIsRecordedInBothReports(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        Path junit = dir.resolve("junit.xml");

        CliRun run = CliRun.of("--disrupt", "--report", report.toString(), "--junit", junit.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("[8/12] failover").contains("[9/12] disrupt (waits for: Karpenter to replace")
                .containsPattern("(?m)^> kubectl delete nodeclaim default-\\S+   # node ip-10-0-\\S+$")
                .containsPattern("(?m)^replicas Ready again on \\[ip-10-0-\\S+] in eu-west-2a after \\d+s \\(bound 2m: within\\)$")
                .containsPattern("(?m)^PASSED disrupt after .*: node ip-\\S+ \\(NodeClaim default-\\S+\\) replaced by .* within the bound of 120s")
                .contains("[12/12] cleanup");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("steps").findValuesAsText("name")).containsSubsequence("failover", "disrupt", "scale-down");
        JsonNode disruption = json.path("disruption");
        assertThat(disruption.path("withinBound").asBoolean()).isTrue();
        assertThat(disruption.path("boundSeconds").asInt()).isEqualTo(120);
        assertThat(disruption.path("zone").asText()).isEqualTo("eu-west-2a");
        assertThat(disruption.path("contentPreserved").asBoolean()).isTrue();
        assertThat(disruption.path("newNodes")).hasSize(1);
        assertThat(disruption.path("oldNode").asText()).isNotEqualTo(disruption.path("newNodes").get(0).asText());
        assertThat(disruption.path("delays")).isEmpty();
        assertThat(Files.readString(junit)).contains("name=\"disrupt\"");
    }

    @Test
    void withoutDisruptThereIsNoSuchStep(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");

        CliRun run = CliRun.of("--report", report.toString());

        assertThat(run.out()).contains("[11/11] cleanup").doesNotContain("disrupt");
        assertThat(new ObjectMapper().readTree(report.toFile()).has("disruption")).isFalse();
    }

    @Test
    void aBoundTheReplacementMissesFailsTheStepAndTheRunWithTheReportStillWritten(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");

        CliRun run = CliRun.of("--disrupt", "--disrupt-bound", "30s", "--report", report.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("(bound 30s: slower)").contains("FAILED disrupt");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("failure").path("step").asText()).isEqualTo("disrupt");
        assertThat(json.path("failure").path("message").asText()).contains("slower than the bound of 30s");
        assertThat(json.path("disruption").path("withinBound").asBoolean()).isFalse();
        assertThat(json.path("steps").findValuesAsText("name")).contains("cleanup");
    }

    @Test
    void badDisruptInputIsRefusedBeforeAnythingRuns() {
        assertThat(CliRun.of("--disrupt-bound", "2m")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: --disrupt-bound only applies with --disrupt: add --disrupt");
        });
        assertThat(CliRun.of("--allow-foreign-pods").err()).startsWith("error: --allow-foreign-pods only applies with --disrupt");
        assertThat(CliRun.of("--disrupt", "--disrupt-bound", "soon").err())
                .startsWith("error: --disrupt-bound=soon is not a duration: use e.g. 90s, 2m or PT2M");
        assertThat(CliRun.of("--disrupt", "--disrupt-bound", "0s").err()).startsWith("error: --disrupt-bound=0s must be positive");
        assertThat(CliRun.of("--disrupt", "--disrupt-bound", "11m").err()).contains("exceeds the step's 10-minute timeout");
    }
}
