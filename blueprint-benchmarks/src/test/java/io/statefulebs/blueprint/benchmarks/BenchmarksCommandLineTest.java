package io.statefulebs.blueprint.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks jar's command line: a help, and bad input answered in one line with no stack trace. */
class BenchmarksCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        assertThat(answer("--help")).hasValue(0);
        assertThat(text(out)).isEqualTo(Benchmarks.USAGE).contains("ITERATIONS", "--smoke");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void aWrongArgumentIsOneLineAndWhereTheHelpIsExitTwo() {
        assertThat(answer("fast")).hasValue(2);
        assertThat(text(out)).isEmpty();
        assertThat(text(err).lines()).containsExactly(
                "error: 'fast' is neither a number of iterations (a positive integer, e.g. 200) nor --smoke",
                "See 'blueprint-benchmarks --help'.");
    }

    @Test
    void zeroIterationsAndTwoArgumentsAreWrongToo() {
        assertThat(answer("0")).hasValue(2);
        assertThat(answer("--smoke", "10")).hasValue(2);
        assertThat(text(err)).contains("'0' is neither").contains("one argument at most, got 2");
    }

    @Test
    void iterationsAndSmokeRun() {
        assertThat(answer()).isEmpty();
        assertThat(answer("50")).isEmpty();
        assertThat(answer("--smoke")).isEmpty();
        assertThat(Benchmarks.Settings.of(new String[]{"50"}).iterations()).isEqualTo(50);
        assertThat(text(out) + text(err)).isEmpty();
    }

    private OptionalInt answer(String... args) {
        return Benchmarks.answerWithoutRunning(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
