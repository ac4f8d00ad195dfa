package io.statefulebs.blueprint.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One CLI invocation through picocli with stdout and stderr captured, and no environment variables unless given. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        return in(Map.of(), args);
    }

    /** The invocation with these environment variables (KUBECONFIG, HOME, AWS_REGION). */
    static CliRun in(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WalkthroughCommand.commandLine(environment)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The output with wall-clock times masked, the only part that may differ between runs of one seed. */
    String outWithoutWallTimes() {
        return out.replaceAll("\\d+ ms wall", "N ms wall");
    }
}
