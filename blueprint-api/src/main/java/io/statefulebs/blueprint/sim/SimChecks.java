package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.spi.PreflightRequest;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;

import java.util.List;

/** What the simulated cluster answers to the preflight, the topology check and zone lookups. */
final class SimChecks {
    private static final String DRIVER = "ebs.csi.aws.com";

    private SimChecks() {
    }

    static List<AvailabilityZone> zones(ClusterModel model) {
        return model.zones.stream().sorted().map(z -> new AvailabilityZone(z, zoneId(model.region, z), model.region)).toList();
    }

    /** {@code eu-west-2b} → {@code euw2-az2}, the shape of real AZ ids. */
    private static String zoneId(String region, String zone) {
        String[] parts = region.split("-");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            id.append(parts[i].charAt(0));
        }
        return id.append(parts[parts.length - 1]).append("-az").append(zone.charAt(zone.length() - 1) - 'a' + 1).toString();
    }

    /** The simulated cluster runs one CSI driver; any other provisioner is missing. */
    static List<Finding> preflight(PreflightRequest request) {
        String provisioner = request.provisioner();
        if (!provisioner.equals(DRIVER)) {
            return List.of(Finding.error("csi-driver", "CSIDriver/" + provisioner, "CSIDriver " + provisioner
                    + " is not installed (the simulated cluster runs " + DRIVER + ")", "use storage(s -> s.provisioner(\"" + DRIVER + "\"))"));
        }
        return List.of();
    }

    static NodePoolView nodePool(ClusterModel model) {
        NodePoolModel pool = model.karpenter.pool();
        List<NodeRequirement> requirements = pool.requirements().entrySet().stream()
                .map(e -> NodeRequirement.in(e.getKey(), e.getValue().stream().sorted().toList())).toList();
        return new NodePoolView(pool.name(), pool.templateLabels(), requirements, true, model.zones);
    }
}
