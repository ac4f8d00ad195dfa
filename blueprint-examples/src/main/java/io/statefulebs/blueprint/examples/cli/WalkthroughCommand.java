package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.examples.output.ConsolePrinter;
import io.statefulebs.blueprint.examples.output.OutputFiles;
import io.statefulebs.blueprint.examples.output.ReportWriter;
import io.statefulebs.blueprint.examples.output.StepTranscripts;
import io.statefulebs.blueprint.examples.output.WalkthroughJUnit;
import io.statefulebs.blueprint.examples.output.junit.JUnitXmlWriter;
import io.statefulebs.blueprint.examples.walkthrough.Listeners;
import io.statefulebs.blueprint.examples.walkthrough.Walkthrough;
import io.statefulebs.blueprint.examples.walkthrough.WalkthroughReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The walkthrough of the blueprint's README, step by step, with its checks. Exit code 0 when every check held,
 * 1 when one failed, 2 for bad input (nothing created).
 */
@Command(name = "stateful-ebs-walkthrough", subcommands = RenderCommand.class,
        description = {"Runs the Karpenter blueprint \"Working with Stateful Workloads using EBS\" step by step and checks"
                + " each result: zone, apply, pods Running and claim Bound, node in the zone, file content, pod failover,"
                + " scale to 0 and back, cleanup.",
                "Without cluster options it runs on the embedded simulated cluster, in virtual time."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed (the report says which and why)",
                "2:bad input; nothing was created"})
public final class WalkthroughCommand implements Callable<Integer> {
    @Mixin
    private SpecOptions spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Mixin
    private BackendOptions backend;

    @Option(names = "--keep", description = "Leave everything in place at the end (skip cleanup).")
    private boolean keep;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report, whether the walkthrough passes or fails.")
    private Path report;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report (one test case per step),"
            + " whether the walkthrough passes or fails.")
    private Path junit;

    @Option(names = {"-q", "--quiet"}, description = "Print only the verdict.")
    private boolean quiet;

    @Spec
    private CommandSpec command;

    private final Map<String, String> environment;

    private WalkthroughCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The CLI as picocli runs it; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /** The CLI reading {@code environment} (KUBECONFIG, HOME, AWS_REGION) instead of the process's variables. */
    public static CommandLine commandLine(Map<String, String> environment) {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new WalkthroughCommand(environment))
                .addSubcommand(new DoctorCommand(environment))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    @Override
    public Integer call() {
        backend.validate(command.commandLine(), environment);
        OutputOptions.requireWritable(command.commandLine(), "--report", report);
        OutputOptions.requireWritable(command.commandLine(), "--junit", junit);
        StatefulEbsBlueprint blueprint = spec.toSpec(backend.defaultRunId());
        if (spec.replicas() < 1) {
            throw new ParameterException(command.commandLine(),
                    "--replicas must be at least 1: the walkthrough reads the file the pods write");
        }
        try (ChosenBackend chosen = backend.open()) {
            Walkthrough.Builder walkthrough = Walkthrough.builder().spec(blueprint).backend(chosen.backend())
                    .backendDescription(chosen.description()).keep(keep);
            chosen.virtualTime().ifPresent(walkthrough::virtualTime);
            if (spec.hasZone()) {
                chosen.zoneSource().ifPresent(walkthrough::zoneSource);
            } else {
                walkthrough.zoneSource(ClusterZones.offered(chosen, blueprint, command.commandLine()));
            }
            PrintWriter out = command.commandLine().getOut();
            StepTranscripts transcripts = new StepTranscripts();
            WalkthroughReport result = walkthrough.build().run(junit == null ? new ConsolePrinter(out, quiet)
                    : Listeners.of(new ConsolePrinter(out, quiet), transcripts.listener()));
            if (report != null) {
                new ReportWriter().write(result, report);
                written(out, "Report", report);
            }
            if (junit != null) {
                OutputFiles.write(junit, new JUnitXmlWriter().toXml(WalkthroughJUnit.suite(result, transcripts)), "the JUnit report");
                written(out, "JUnit report", junit);
            }
            result.failure().ifPresent(f -> {
                // The full diagnostics are in the step's output above, unless quiet: then they go here.
                PrintWriter err = command.commandLine().getErr();
                err.println("The walkthrough failed at step " + f.step().label() + ": "
                        + (quiet ? f.message() : f.summary()));
                err.flush();
            });
            return result.passed() ? ExitCode.OK : ExitCode.SOFTWARE;
        }
    }

    private void written(PrintWriter out, String what, Path file) {
        if (!quiet) {
            out.println(what + " written to " + file);
            out.flush();
        }
    }
}
