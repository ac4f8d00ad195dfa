package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.NodeClaimView;
import io.statefulebs.blueprint.inventory.ResourceCondition;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A NodeClaim being deleted whose {@code VolumesDetached} condition is not True: Karpenter keeps the instance until
 * the node's volumes detach, which waits on the pods still using them.
 */
final class VolumeDetachRule implements Rule {
    static final String VOLUMES_DETACHED = "VolumesDetached";

    @Override
    public List<Finding> examine(Examination cluster) {
        List<Finding> findings = new ArrayList<>();
        for (NodeClaimView claim : cluster.inventory().nodeClaims()) {
            Optional<ResourceCondition> detached = claim.condition(VOLUMES_DETACHED);
            if (!claim.deleting() || detached.isEmpty() || detached.get().isTrue() || !cluster.nodeInScope(claim.node())) {
                continue;
            }
            ResourceCondition c = detached.get();
            List<String> attached = cluster.inventory().attachments().stream()
                    .filter(a -> !claim.node().isEmpty() && a.attachment().node().equals(claim.node()))
                    .map(a -> a.attachment().volumeName()).toList();
            List<String> evidence = new ArrayList<>();
            evidence.add("NodeClaim/" + claim.name() + " deleting, condition " + VOLUMES_DETACHED + "=" + c.status()
                    + (c.reason().isEmpty() ? "" : " reason=" + c.reason()) + " for " + cluster.age(c.since())
                    + (c.message().isEmpty() ? "" : ": " + c.message()));
            evidence.add("volumes still attached to " + (claim.node().isEmpty() ? "<no node>" : claim.node()) + ": " + attached);
            findings.add(new Finding(DoctorChecks.VOLUME_DETACH, Finding.Severity.WARNING,
                    List.of("NodeClaim/" + claim.name(), "Node/" + claim.node()), evidence,
                    "Karpenter has been waiting " + cluster.age(c.since()) + " for " + attached.size() + " volume(s) to detach from "
                            + claim.node() + " before it terminates the instance",
                    "find the pods on " + claim.node() + " still terminating (kubectl get pods -A --field-selector spec.nodeName="
                            + claim.node() + "); volumes detach once they are gone"));
        }
        return findings;
    }
}
