package io.statefulebs.blueprint.examples.jshell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shipped JShell scripts through the real {@code jshell} against the shaded jar, exactly as the README's
 * command does, and checks what they print. Runs after {@code package} (failsafe), when the jar exists.
 */
class JshellScriptsIT {
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path dir;

    @Test
    void walkthroughScriptRunsTheWholeWalkthroughOnTheSimulatedCluster() throws Exception {
        JshellResult result = jshell("walkthrough.jsh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("zone: eu-west-2a, claim ebs-claim Bound 4Gi")
                .containsPattern("node: ip-10-0-\\S+ eu-west-2a \\S+ (spot|on-demand)")
                .containsPattern("(Writing content every three minutes! Printing a random number: \\d+\\R){3}")
                .containsPattern("failover: \\S+ -> \\S+, content preserved: true, lines: 7")
                .contains("nodes after scale to 0: 0")
                .contains("zone after scale to 3: eu-west-2a")
                .contains("cleanup clean: true")
                .doesNotContain("Exception")
                .doesNotContain("Error:");
    }

    @Test
    void exploreScriptRendersDeploysAndLeavesTheSessionToTheUser() throws Exception {
        JshellResult result = jshell("explore.jsh");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("kind: StorageClass")
                .contains("- eu-west-2a")
                .contains("kind: Deployment")
                .containsPattern("claim: ClaimView\\[namespace=default, name=ebs-claim, phase=Bound, .*zone=eu-west-2a, createdAt=\\S+\\]")
                .containsPattern("file:  \\[Writing content every three minutes! Printing a random number: \\d+, ")
                .containsPattern("Deployed BlueprintRun\\[run-\\S+ on simulated, zone eu-west-2a, 3 replica\\(s\\)\\]")
                .doesNotContain("Exception");
    }

    private JshellResult jshell(String script) throws IOException, InterruptedException {
        Path jar = Path.of(property("walkthrough.jar"));
        Path scripts = Path.of(property("walkthrough.jshellDir"));
        assertThat(jar).as("the shaded jar, built in the package phase").isRegularFile();
        Path output = dir.resolve(script + ".out");
        Process process = new ProcessBuilder(List.of(jshellBinary(), "--class-path", jar.toString(),
                scripts.resolve(script).toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        // No input: an interactive script ends at end of input, as when a user types /exit.
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("jshell " + script + " did not finish in " + TIMEOUT_SECONDS + "s:\n"
                    + Files.readString(output));
        }
        return new JshellResult(process.exitValue(), Files.readString(output));
    }

    private static String jshellBinary() {
        for (String home : new String[] {System.getProperty("java.home"), System.getenv("JAVA_HOME")}) {
            if (home != null && Files.isExecutable(Path.of(home, "bin", "jshell"))) {
                return Path.of(home, "bin", "jshell").toString();
            }
        }
        return "jshell";
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property " + name + " (set by the failsafe configuration)").isNotBlank();
        return value;
    }

    private record JshellResult(int exitCode, String output) {
    }
}
