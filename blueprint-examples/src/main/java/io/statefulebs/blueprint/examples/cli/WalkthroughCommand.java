package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DisruptionOptions;
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
import java.time.Duration;
import java.util.Optional;
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

    @Option(names = "--disrupt", description = "After the failover, ask Karpenter to replace the pods' node (delete its"
            + " NodeClaim) and check every replica is Ready again in the volume's zone within the bound; needs the"
            + " stateful-ebs-blueprint-disruption role.")
    private boolean disrupt;

    @Option(names = "--disrupt-bound", paramLabel = "DURATION", description = "The bound of --disrupt, e.g. 90s, 2m or PT2M"
            + " (default: 2m, Karpenter e2e's).")
    private String disruptBound;

    @Option(names = "--allow-foreign-pods", description = "Let --disrupt replace a node that also runs other workloads' pods"
            + " (DaemonSet pods never count).")
    private boolean allowForeignPods;

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
        Optional<DisruptionOptions> disruption = disruptionOptions();
        StatefulEbsBlueprint blueprint = spec.toSpec(backend.defaultRunId());
        if (spec.replicas() < 1) {
            throw new ParameterException(command.commandLine(),
                    "--replicas must be at least 1: the walkthrough reads the file the pods write");
        }
        try (ChosenBackend chosen = backend.open()) {
            Walkthrough.Builder walkthrough = Walkthrough.builder().spec(blueprint).backend(chosen.backend())
                    .backendDescription(chosen.description()).keep(keep);
            chosen.virtualTime().ifPresent(walkthrough::virtualTime);
            disruption.ifPresent(walkthrough::disrupt);
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

    /** The --disrupt options, checked before anything reaches a cluster. */
    private Optional<DisruptionOptions> disruptionOptions() {
        if (!disrupt) {
            if (disruptBound != null || allowForeignPods) {
                throw new ParameterException(command.commandLine(), (disruptBound != null ? "--disrupt-bound" : "--allow-foreign-pods")
                        + " only applies with --disrupt: add --disrupt");
            }
            return Optional.empty();
        }
        DisruptionOptions.Builder options = DisruptionOptions.builder().allowForeignPods(allowForeignPods);
        if (disruptBound != null) {
            Duration bound = CliDurations.parse(disruptBound).orElseThrow(() -> new ParameterException(command.commandLine(),
                    "--disrupt-bound=" + disruptBound + " is not a duration: use e.g. 90s, 2m or PT2M"));
            if (bound.isZero() || bound.isNegative()) {
                throw new ParameterException(command.commandLine(), "--disrupt-bound=" + disruptBound + " must be positive, e.g. 2m");
            }
            if (bound.compareTo(BlueprintRun.DEFAULT_TIMEOUT) > 0) {
                throw new ParameterException(command.commandLine(), "--disrupt-bound=" + disruptBound + " exceeds the step's "
                        + BlueprintRun.DEFAULT_TIMEOUT.toMinutes() + "-minute timeout: use at most 10m");
            }
            options.bound(bound);
        }
        return Optional.of(options.build());
    }

    private void written(PrintWriter out, String what, Path file) {
        if (!quiet) {
            out.println(what + " written to " + file);
            out.flush();
        }
    }
}
