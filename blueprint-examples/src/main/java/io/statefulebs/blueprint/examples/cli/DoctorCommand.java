package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.doctor.DoctorReport;
import io.statefulebs.blueprint.doctor.StatefulStorageDoctor;
import io.statefulebs.blueprint.examples.doctor.DoctorRehearsal;
import io.statefulebs.blueprint.examples.output.DoctorPrinter;
import io.statefulebs.blueprint.examples.output.DoctorReportFiles;
import io.statefulebs.blueprint.examples.output.OutputFiles;
import io.statefulebs.blueprint.examples.output.junit.JUnitXmlWriter;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doctor}: explains what is wrong with the stateful workloads already on a cluster (read-only). Exit code 0
 * when no finding is an error, 1 when one is, 2 for bad input.
 */
@Command(name = "doctor",
        description = {"Examines the stateful workloads on a cluster, whoever deployed them, and explains what is wrong:"
                + " pods with volumes that cannot be placed, Multi-Attach and stuck detaches, attach limits, configuration risks."
                + " Reads only (list requests).",
                "Without cluster options it examines the embedded simulated cluster (empty unless --rehearse)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no finding at error level", "1:at least one error-level finding", "2:bad input; nothing was read"})
final class DoctorCommand implements Callable<Integer> {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Examine this namespace (default: default).")
    private String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Examine every namespace.")
    private boolean allNamespaces;

    @Mixin
    private BackendOptions backend;

    @Option(names = "--rehearse", description = "On the simulated cluster: first plant the faults the doctor is for"
            + " (a shared ReadWriteOnce claim, zone conflicts of a StorageClass and of a topology spread, attach limits and"
            + " headroom, gp3 iops too high for a claim's size, a leaked VolumeAttachment, a retained and a left-behind volume).")
    private boolean rehearse;

    @Option(names = "--report", paramLabel = "FILE", description = "Write every finding as JSON.")
    private Path report;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write every finding as JUnit XML (error-level findings fail).")
    private Path junit;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec command;

    private final Map<String, String> environment;

    DoctorCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (allNamespaces && namespace != null) {
            throw new ParameterException(command.commandLine(), "--namespace and --all-namespaces exclude each other: give one");
        }
        if (namespace != null && namespace.isBlank()) {
            throw new ParameterException(command.commandLine(), "--namespace needs a name; use --all-namespaces for every namespace");
        }
        backend.validate(command.commandLine(), environment);
        if (rehearse && backend.realCluster()) {
            throw new ParameterException(command.commandLine(), "--rehearse plants faults on the simulated cluster only: add"
                    + " --simulated, or drop --rehearse");
        }
        OutputOptions.requireWritable(command.commandLine(), "--report", report);
        OutputOptions.requireWritable(command.commandLine(), "--junit", junit);
        InventoryScope scope = allNamespaces ? InventoryScope.allNamespaces() : InventoryScope.namespace(namespace == null ? "default" : namespace);
        DoctorReport result;
        String description;
        if (rehearse) {
            SimulatedCluster cluster = DoctorRehearsal.cluster(backend.seed());
            description = "embedded simulated cluster with planted faults, seed " + backend.seed();
            result = StatefulStorageDoctor.on(cluster).volumes(cluster).examine(scope);
        } else {
            try (ChosenBackend chosen = backend.open()) {
                StatefulStorageDoctor doctor = StatefulStorageDoctor.on(chosen.backend());
                doctor = chosen.zoneSource().map(doctor::zones).orElse(doctor);
                doctor = chosen.cloudVolumes().map(doctor::volumes).orElse(doctor);
                description = chosen.description();
                result = doctor.examine(scope);
            }
        }
        new DoctorPrinter(command.commandLine().getOut()).print(result, description);
        DoctorReportFiles files = new DoctorReportFiles();
        if (report != null) {
            files.writeJson(result, report);
        }
        if (junit != null) {
            OutputFiles.write(junit, new JUnitXmlWriter().toXml(files.toJUnit(result)), "the JUnit report");
        }
        return result.hasErrors() ? ExitCode.SOFTWARE : ExitCode.OK;
    }
}
