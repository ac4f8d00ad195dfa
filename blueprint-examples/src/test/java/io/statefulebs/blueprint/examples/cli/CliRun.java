package io.statefulebs.blueprint.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One CLI invocation through picocli with stdout and stderr captured, and no environment variables. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WalkthroughCommand.commandLine(Map.of())
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
