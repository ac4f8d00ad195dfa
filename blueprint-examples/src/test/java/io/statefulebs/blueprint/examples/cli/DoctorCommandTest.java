package io.statefulebs.blueprint.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
        List<String> rows = Arrays.stream(lines).skip(3).takeWhile(l -> !l.isBlank()).toList();
        assertThat(rows.get(0)).matches("1\\s+ERROR\\s+gp3-parameters\\s+PersistentVolumeClaim/default/data-cache-0 \\(\\+1\\)");
        // Every planted fault shows, worst first.
        assertThat(rows).extracting(l -> l.split("\\s+")[1] + " " + l.split("\\s+")[2]).containsExactly(
                "ERROR gp3-parameters", "ERROR pending-placement", "ERROR pending-placement",
                "WARNING attach-capacity", "WARNING attach-capacity", "WARNING attach-headroom", "WARNING left-behind-volume",
                "WARNING retained-volume", "WARNING shared-rwo-claim", "WARNING stale-attachment",
                "INFO disruption", "INFO pending-placement");
        assertThat(run.out())
                .contains("can never be placed, because no zone satisfies every constraint: StorageClass/db-gp3 allowedTopologies")
                .contains("its topology spread (maxSkew=1 over topology.kubernetes.io/zone, DoNotSchedule; pods matching {app In [web]}")
                .contains("iops 8000 / 4 GiB = 2000.0 IOPS per GiB (gp3 allows at most 500)")
                .contains("NodePool default's nodes have 0 free EBS attachment slot(s)")
                .contains("EBS volume vol-0a1b2c3d4e5f60718 (200 GiB gp3 in eu-west-2b) was created by the EBS CSI driver")
                .contains("finding(s): 3 error(s), 7 warning(s), 2 info.");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("healthy").asBoolean(true)).isFalse();
        assertThat(report.path("scope").asText()).isEqualTo("all-namespaces");
        assertThat(report.path("findings")).hasSize(12);
        assertThat(report.path("findings").get(0).path("check").asText()).isEqualTo("gp3-parameters");
        String xml = Files.readString(junit);
        assertThat(xml).contains("<testsuite name=\"stateful-storage-doctor\" tests=\"16\" failures=\"3\"")
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
