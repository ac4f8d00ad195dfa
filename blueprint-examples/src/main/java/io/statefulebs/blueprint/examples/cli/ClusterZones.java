package io.statefulebs.blueprint.examples.cli;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.Zones;
import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.Finding;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Without {@code --zone}, the walkthrough's zones come from EC2 ({@code --eks-cluster}) or from the cluster itself
 * (the simulated cluster's subnets, a real cluster's Karpenter NodePools). They are read before anything is written to
 * the cluster, so a cluster that cannot offer one is bad input (exit 2) naming {@code --zone}, not a failed step.
 */
final class ClusterZones {
    private ClusterZones() {
    }

    /**
     * The zones on offer, read once, as the zone source the walkthrough picks from.
     *
     * @throws ParameterException naming {@code --zone} when the backend offers no zone
     */
    static ZoneSource offered(ChosenBackend chosen, StatefulEbsBlueprint blueprint, CommandLine commandLine) {
        try {
            ZoneSource source = chosen.zoneSource().orElseGet(() -> Zones.ofCluster(chosen.backend(), blueprint));
            return new Listed(source.availableZones(), source.description());
        } catch (PreflightFailedException e) {
            throw zoneNeeded(commandLine, e.findings().stream().map(Finding::cause)
                    .map(cause -> cause.replaceFirst("^zone: ", "")).collect(Collectors.joining("; ")));
        }
    }

    private static ParameterException zoneNeeded(CommandLine commandLine, String why) {
        return new ParameterException(commandLine, "--zone is needed: " + why + "; name one, e.g. --zone eu-west-2a");
    }

    /** Zones listed once, so the walkthrough's zone step does not ask the cluster again. */
    private record Listed(List<AvailabilityZone> zones, String description) implements ZoneSource {
        Listed {
            zones = List.copyOf(zones);
        }

        @Override
        public List<AvailabilityZone> availableZones() {
            return zones;
        }
    }
}
