package io.statefulebs.blueprint.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code render --zone Z}: the manifests as YAML, for {@code kubectl apply -f -}. Deploys nothing. */
@Command(name = "render",
        description = "Print the blueprint's manifests (StorageClass, claim, workload) as YAML; deploys nothing.")
final class RenderCommand implements Callable<Integer> {
    @Mixin
    private SpecOptions spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec command;

    @Override
    public Integer call() {
        if (!spec.hasZone()) {
            throw new ParameterException(command.commandLine(),
                    "render needs --zone ZONE (e.g. --zone eu-west-2a): the StorageClass is pinned to one zone");
        }
        // The same options render the same YAML: the run id comes from them unless --run-id is given.
        command.commandLine().getOut().print(spec.toSpec(spec.runIdFromOptions("render")).render().toYaml());
        command.commandLine().getOut().flush();
        return 0;
    }
}
