package io.statefulebs.blueprint.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Process start to exit of the walkthrough jar and of the JShell walkthrough script, on the simulated cluster. */
final class ColdStart {
    static final Path JAR = Path.of("blueprint-examples", "target", "stateful-ebs-walkthrough.jar");
    static final Path SCRIPT = Path.of("blueprint-examples", "src", "main", "jshell", "walkthrough.jsh");

    private ColdStart() {
    }

    static boolean available() {
        return Files.isRegularFile(JAR) && Files.isRegularFile(SCRIPT);
    }

    static List<String> jarCommand() {
        return List.of(javaHome("java"), "-jar", JAR.toString(), "--quiet");
    }

    static List<String> jshellCommand() {
        return List.of(javaHome("jshell"), "--class-path", JAR.toString(), SCRIPT.toString());
    }

    /** Milliseconds from start to exit of {@code runs} runs; fails if one exits non-zero. */
    static List<Double> time(List<String> command, int runs) throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + process.exitValue());
            }
            millis.add((System.nanoTime() - start) / 1e6);
        }
        return millis;
    }

    private static String javaHome(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }
}
