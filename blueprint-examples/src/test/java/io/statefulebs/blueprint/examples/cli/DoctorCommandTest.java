package io.statefulebs.blueprint.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code doctor} command: its table worst first, its exit codes, its JSON and JUnit reports. */
class DoctorCommandTest {
    @TempDir
    Path dir;

    @Test
    void anEmptySimulatedClusterHasNoFindingsAndExitsZero() {
        CliRun run = CliRun.of("doctor", "--simulated");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Examined namespace default on embedded simulated cluster in eu-west-2, seed 42")
                .contains("No findings");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void plantedFaultsArePrintedWorstFirstAndExitOne() throws Exception {
        Path json = dir.resolve("out/doctor.json");
        Path junit = dir.resolve("doctor.xml");

        CliRun run = CliRun.of("doctor", "--simulated", "--rehearse", "--all-namespaces", "--report", json.toString(),
                "--junit", junit.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        String[] lines = run.out().split("\n");
        assertThat(lines[2]).matches("#\\s+SEVERITY\\s+CHECK\\s+OBJECT");
        assertThat(lines[3]).matches("1\\s+ERROR\\s+pending-placement\\s+Pod/default/db-0 \\(\\+1\\)");
        assertThat(lines).filteredOn(l -> l.matches("[2-6]   .*")).extracting(l -> l.split("\\s+")[1] + " " + l.split("\\s+")[2])
                .containsExactly("WARNING attach-capacity", "WARNING retained-volume", "WARNING shared-rwo-claim",
                        "WARNING stale-attachment", "INFO disruption");
        assertThat(run.out())
                .contains("can never be placed, because no zone satisfies every constraint")
                .contains("finding(s): 1 error(s), 4 warning(s), 1 info.");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("healthy").asBoolean(true)).isFalse();
        assertThat(report.path("scope").asText()).isEqualTo("all-namespaces");
        assertThat(report.path("findings")).hasSize(6);
        assertThat(report.path("findings").get(0).path("check").asText()).isEqualTo("pending-placement");
        String xml = Files.readString(junit);
        assertThat(xml).contains("<testsuite name=\"stateful-storage-doctor\" tests=\"13\" failures=\"1\"")
                .contains("<testcase classname=\"doctor.csi-driver\" name=\"csi-driver\" time=\"0.000\">\n  </testcase>")
                .contains("<failure type=\"pending-placement\" message=\"Pod/default/db-0 (Pending")
                .contains("<testcase classname=\"doctor.shared-rwo-claim\" name=\"Deployment/default/stateful\" time=\"0.000\">\n    <system-out>WARNING: ");
        JUnitReportTest.validate(xml);
    }

    @Test
    void namespaceAndAllNamespacesExcludeEachOther() {
        CliRun run = CliRun.of("doctor", "--simulated", "--namespace", "shop", "--all-namespaces");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --namespace and --all-namespaces exclude each other")
                .contains("See 'stateful-ebs-walkthrough doctor --help'.");
    }

    @Test
    void rehearsingNeedsTheSimulatedCluster() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\n");

        CliRun run = CliRun.of("doctor", "--kubeconfig", kubeconfig.toString(), "--rehearse");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --rehearse plants faults on the simulated cluster only");
    }

    @Test
    void anUnwritableReportIsBadInput() {
        CliRun run = CliRun.of("doctor", "--simulated", "--junit", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --junit " + dir + ": is a directory");
    }
}
