package io.statefulebs.blueprint.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The walkthrough command on the embedded simulated cluster: output, exit codes, report file. */
class WalkthroughCommandTest {
    private static final Pattern WRITER_LINE = Pattern.compile(
            "^Writing content every three minutes! Printing a random number: \\d+$", Pattern.MULTILINE);

    @Test
    void defaultWalkthroughPassesAndPrintsTheReadmeListings() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .startsWith("Backend: simulated (embedded simulated cluster in eu-west-2, seed 42, virtual time)")
                .containsPattern("(?m)^  Normal  WaitForFirstConsumer\\s+0s\\s+persistentvolume-controller\\s+waiting for first consumer")
                .containsPattern("(?m)^NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE$")
                .containsPattern("(?m)^stateful-\\S+\\s+1/1\\s+Running\\s+0\\s+\\d+s$")
                .containsPattern("(?m)^NAME\\s+STATUS\\s+VOLUME\\s+CAPACITY\\s+ACCESS MODES\\s+STORAGECLASS\\s+AGE$")
                .containsPattern("(?m)^ebs-claim\\s+Bound\\s+pvc-[0-9a-f-]{36}\\s+4Gi\\s+RWO\\s+storage-gp3\\s+\\d+s$")
                .containsPattern("(?m)^NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION\\s+CAPACITY-TYPE\\s+INSTANCE-TYPE\\s+NODEPOOL\\s+ZONE$")
                .containsPattern("(?m)^ip-10-0-\\S+\\.eu-west-2\\.compute\\.internal\\s+Ready\\s+<none>\\s+\\d+s\\s+\\S+\\s+spot\\s+m7g\\.xlarge\\s+default\\s+eu-west-2a$")
                .contains("No resources found")
                .contains("earlier content preserved: true")
                .contains("remaining: none")
                .endsWith("PASSED: every check of the walkthrough held in zone eu-west-2a (" + lastParenthesis(run.out()) + ")\n");
        assertThat(stepVerdicts(run.out())).containsExactly("PASSED zone", "PASSED apply", "PASSED await-ready",
                "PASSED inspect", "PASSED verify-zone", "PASSED read-file", "PASSED let-time-pass", "PASSED failover",
                "PASSED scale-down", "PASSED scale-up", "PASSED cleanup");
    }

    @Test
    void theFileGrowsFromThreeLinesToSevenAcrossTheFailoverAndKeepsItsStart() {
        CliRun run = CliRun.of();

        List<String> lines = new ArrayList<>();
        Matcher m = WRITER_LINE.matcher(run.out());
        while (m.find()) {
            lines.add(m.group());
        }
        // First listing: one line per replica. After three minutes and a pod replacement: 3 + 3 + 1.
        assertThat(lines).hasSize(3 + 7);
        assertThat(lines.subList(3, 10)).startsWith(lines.subList(0, 3).toArray(String[]::new));
    }

    @Test
    void theSameSeedGivesTheSameOutputApartFromWallTimes() {
        assertThat(CliRun.of("--seed", "7").outWithoutWallTimes()).isEqualTo(CliRun.of("--seed", "7").outWithoutWallTimes());
        assertThat(CliRun.of("--seed", "7").outWithoutWallTimes()).isNotEqualTo(CliRun.of("--seed", "8").outWithoutWallTimes());
    }

    @Test
    void statefulSetWalkthroughPassesWithOneClaimPerReplica() {
        CliRun run = CliRun.of("--workload", "statefulset", "--replicas", "2");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out())
                .containsPattern("(?m)^ebs-claim-stateful-0\\s+Bound\\s+pvc-\\S+\\s+4Gi\\s+RWO")
                .containsPattern("(?m)^ebs-claim-stateful-1\\s+Bound")
                .contains("> kubectl delete pod stateful-1")
                .contains("PASSED: every check");
    }

    @Test
    void aZoneWhereKarpenterCannotLaunchFailsBeforeAnythingIsAppliedAndTheReportSaysWhy(@TempDir Path dir)
            throws IOException {
        Path reportFile = dir.resolve("out/report.json");
        CliRun run = CliRun.of("--zone", "eu-west-1a", "--report", reportFile.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("zone: eu-west-1a (given)")
                .contains("FAILED apply")
                .contains("preflight failed, nothing was applied")
                .contains("eu-west-1a")
                .contains("SKIPPED failover: not run: an earlier step failed")
                .contains("SKIPPED cleanup: nothing to delete: the blueprint was not deployed");
        assertThat(run.err()).startsWith("The walkthrough failed at step apply: preflight failed, nothing was applied: ");

        JsonNode report = new ObjectMapper().readTree(Files.readString(reportFile));
        assertThat(report.path("passed").asBoolean(true)).isFalse();
        assertThat(report.path("zone").asText()).isEqualTo("eu-west-1a");
        assertThat(step(report, "zone").path("status").asText()).isEqualTo("passed");
        JsonNode apply = step(report, "apply");
        assertThat(apply.path("status").asText()).isEqualTo("failed");
        assertThat(apply.path("message").asText()).contains("preflight failed").contains("eu-west-1a");
        assertThat(step(report, "await-ready").path("status").asText()).isEqualTo("skipped");
        assertThat(step(report, "cleanup").path("status").asText()).isEqualTo("skipped");
        assertThat(report.has("pods")).isFalse();
        assertThat(report.has("cleanup")).isFalse();
    }

    @Test
    void replicasSpillingOntoASecondNodeHitMultiAttachAndTheRunStillCleansUp(@TempDir Path dir) throws IOException {
        // The blueprint's known defect: Deployment replicas share one ReadWriteOnce claim, so they only all run
        // while they fit on one node. 70 one-CPU replicas do not fit the largest instance (64 vCPU).
        Path reportFile = dir.resolve("report.json");
        CliRun run = CliRun.of("--replicas", "70", "--report", reportFile.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED await-ready").contains("Multi-Attach error for volume")
                .contains("PASSED cleanup").contains("remaining: none");
        assertThat(run.err()).startsWith("The walkthrough failed at step await-ready: timed out after");

        JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        assertThat(report.path("passed").asBoolean(true)).isFalse();
        assertThat(step(report, "await-ready").path("status").asText()).isEqualTo("failed");
        assertThat(step(report, "await-ready").at("/error/type").asText())
                .isEqualTo("io.statefulebs.blueprint.error.WaitTimedOutException");
        assertThat(report.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(report.at("/failure/step").asText()).isEqualTo("await-ready");
        assertThat(report.at("/failure/type").asText()).isEqualTo("io.statefulebs.blueprint.error.WaitTimedOutException");
        assertThat(report.at("/failure/message").asText()).startsWith("timed out after");
        assertThat(step(report, "failover").path("status").asText()).isEqualTo("skipped");
        assertThat(step(report, "cleanup").path("status").asText()).isEqualTo("passed");
        assertThat(report.at("/cleanup/remaining").asInt(-1)).isZero();
    }

    @Test
    void keepSkipsCleanupAndStillPasses() {
        CliRun run = CliRun.of("--keep");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("SKIPPED cleanup: kept: run walkthrough-16 stays in namespace default")
                .doesNotContain("> kubectl delete -f .");
    }

    @Test
    void quietPrintsOnlyTheVerdict() {
        CliRun run = CliRun.of("--quiet", "--namespace", "team-a", "--replicas", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("PASSED: every check of the walkthrough held in zone eu-west-2a");
    }

    @Test
    void invalidSpecExitsWithTwoNamingEveryFieldAndCreatesNothing(@TempDir Path dir) {
        Path reportFile = dir.resolve("report.json");
        CliRun run = CliRun.of("--replicas", "-1", "--zone", "nowhere", "--report", reportFile.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).as("the walkthrough never started").isEmpty();
        assertThat(reportFile).doesNotExist();
        assertThat(run.err().lines()).anySatisfy(l -> assertThat(l).startsWith("error: --replicas (workload.replicas) = -1"))
                .anySatisfy(l -> assertThat(l).startsWith("error: --zone (zone) = nowhere"))
                .contains("nothing was created")
                .last().asString().startsWith("See '");
    }

    @Test
    void zeroReplicasIsBadInputForTheWalkthrough() {
        CliRun run = CliRun.of("--replicas", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--replicas must be at least 1");
    }

    @Test
    void aBadOptionGetsOneLineAndWhereTheHelpIsNotTheWholeUsage() {
        CliRun run = CliRun.of("--replicas", "three");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("error: ").contains("--replicas").contains("three");
        assertThat(run.err()).endsWith("See 'stateful-ebs-walkthrough --help'." + System.lineSeparator());
    }

    @Test
    void aReportPathThatCannotBeWrittenIsBadInputBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "");

        CliRun underAFile = CliRun.of("--report", file.resolve("report.json").toString());
        CliRun aDirectory = CliRun.of("--report", dir.toString());
        CliRun junitUnderAFile = CliRun.of("--junit", file.resolve("junit.xml").toString());

        assertThat(underAFile.exitCode()).isEqualTo(2);
        assertThat(underAFile.out()).isEmpty();
        assertThat(underAFile.err()).contains("--report " + file.resolve("report.json")).contains(file + " is not a directory");
        assertThat(aDirectory.exitCode()).isEqualTo(2);
        assertThat(aDirectory.out()).isEmpty();
        assertThat(aDirectory.err()).contains("--report " + dir + ": is a directory; give a file path");
        assertThat(junitUnderAFile.exitCode()).isEqualTo(2);
        assertThat(junitUnderAFile.out()).isEmpty();
        assertThat(junitUnderAFile.err()).contains("--junit " + file.resolve("junit.xml")).contains(file + " is not a directory");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CliRun.of("--replicas", "three").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--workload", "daemonset").err()).contains("--workload");
        assertThat(CliRun.of("--no-such-option").exitCode()).isEqualTo(2);
    }

    private static JsonNode step(JsonNode report, String name) {
        for (JsonNode step : report.path("steps")) {
            if (step.path("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + report);
    }

    private static List<String> stepVerdicts(String out) {
        return out.lines().filter(l -> l.matches("(PASSED|FAILED|SKIPPED) [a-z-]+( after|:).*"))
                .map(l -> l.replaceAll("^(\\S+ [a-z-]+).*", "$1")).toList();
    }

    private static String lastParenthesis(String out) {
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        return last.substring(last.lastIndexOf('(') + 1, last.length() - 1);
    }
}
