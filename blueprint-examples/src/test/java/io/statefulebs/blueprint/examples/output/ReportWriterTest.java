package io.statefulebs.blueprint.examples.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.examples.walkthrough.Walkthrough;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughListener;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughReport;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON report of a passing walkthrough, read back as a consumer would. */
class ReportWriterTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void reportHoldsEveryStepAndResultOfAPassingWalkthrough(@TempDir Path dir) throws IOException {
        SimulatedCluster cluster = SimulatedCluster.builder().seed(3).startingAt(START).build();
        WalkthroughReport result = Walkthrough.builder()
                .spec(StatefulEbsBlueprint.builder().zone(Zones.firstAvailable()).runId("report-test").build())
                .backend(cluster).virtualTime(cluster::advance).build()
                .run(new WalkthroughListener() { });
        Path file = dir.resolve("report.json");
        new ReportWriter().write(result, file);

        JsonNode report = new ObjectMapper().readTree(file.toFile());
        assertThat(report.path("backend").asText()).isEqualTo("simulated");
        assertThat(report.path("runId").asText()).isEqualTo("report-test");
        assertThat(report.path("zone").asText()).isEqualTo("eu-west-2a");
        assertThat(report.path("passed").isBoolean()).isTrue();
        assertThat(report.path("passed").asBoolean()).isTrue();

        List<String> names = new ArrayList<>();
        Instant previousEnd = START;
        for (JsonNode step : report.path("steps")) {
            names.add(step.path("name").asText());
            assertThat(step.path("status").asText()).isEqualTo("passed");
            Instant started = Instant.parse(step.path("startedAt").asText());
            Instant ended = Instant.parse(step.path("endedAt").asText());
            assertThat(started).isAfterOrEqualTo(previousEnd);
            assertThat(ended).isAfterOrEqualTo(started);
            assertThat(step.path("wallMillis").isIntegralNumber()).isTrue();
            assertThat(step.path("message").asText()).isNotBlank();
            previousEnd = ended;
        }
        assertThat(names).containsExactly("zone", "apply", "await-ready", "inspect", "verify-zone", "read-file",
                "let-time-pass", "failover", "scale-down", "scale-up", "cleanup");
        assertThat(previousEnd).as("virtual time passed: the writers' 3 minutes and consolidation at least")
                .isAfter(START.plusSeconds(240));

        assertThat(report.path("pods")).hasSize(3).allSatisfy(p -> {
            assertThat(p.path("name").asText()).startsWith("stateful-");
            assertThat(p.path("phase").asText()).isEqualTo("Running");
            assertThat(p.path("node").asText()).isEqualTo(report.at("/nodes/0/name").asText());
        });
        JsonNode claim = report.path("claim");
        assertThat(claim.path("name").asText()).isEqualTo("ebs-claim");
        assertThat(claim.path("phase").asText()).isEqualTo("Bound");
        assertThat(claim.path("capacity").asText()).isEqualTo("4Gi");
        assertThat(claim.path("accessModes")).extracting(JsonNode::asText).containsExactly("ReadWriteOnce");
        assertThat(claim.path("storageClass").asText()).isEqualTo("storage-gp3");
        assertThat(claim.path("volume").asText()).startsWith("pvc-");
        assertThat(report.path("nodes")).singleElement().satisfies(n -> {
            assertThat(n.path("zone").asText()).isEqualTo("eu-west-2a");
            assertThat(n.path("instanceType").asText()).isNotBlank();
            assertThat(n.path("capacityType").asText()).isIn("spot", "on-demand");
            assertThat(n.path("nodePool").asText()).isEqualTo("default");
        });

        JsonNode failover = report.path("failover");
        assertThat(failover.path("preserved").asBoolean()).isTrue();
        List<String> before = texts(failover.path("before"));
        List<String> after = texts(failover.path("after"));
        assertThat(before).hasSize(6);
        assertThat(after).hasSizeGreaterThan(before.size()).startsWith(before.toArray(String[]::new));
        assertThat(report.at("/scale/nodesAfterScaleDown").asInt(-1)).isZero();
        assertThat(texts(report.at("/scale/zonesAfterScaleUp"))).containsExactly("eu-west-2a");
        assertThat(report.at("/cleanup/remaining").asInt(-1)).isZero();
        assertThat(texts(report.at("/cleanup/deleted"))).hasSize(3);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
