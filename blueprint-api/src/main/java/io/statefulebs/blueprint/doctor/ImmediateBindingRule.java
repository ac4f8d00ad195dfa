package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.StorageClassView;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodeRequirement;

import java.util.List;

/**
 * An EBS StorageClass with {@code Immediate} binding: the volume's zone is picked before any pod is scheduled, so the
 * pod may find no node (or no NodePool) in that zone. One allowed zone makes the choice explicit and is not flagged.
 */
final class ImmediateBindingRule implements Rule {
    @Override
    public List<Finding> examine(Examination cluster) {
        return cluster.inventory().storageClasses().stream()
                .filter(sc -> Examination.EBS_PROVISIONERS.contains(sc.provisioner()) && !sc.waitsForFirstConsumer() && !pinned(sc))
                .map(ImmediateBindingRule::finding).toList();
    }

    private static boolean pinned(StorageClassView sc) {
        return sc.allowedTopologies().stream().anyMatch(r -> Examination.ZONE_KEYS.contains(r.key())
                && r.operator().equals("In") && r.values().size() == 1);
    }

    private static Finding finding(StorageClassView sc) {
        return new Finding(DoctorChecks.IMMEDIATE_BINDING, Finding.Severity.WARNING, List.of("StorageClass/" + sc.name()),
                List.of("StorageClass/" + sc.name() + " provisioner=" + sc.provisioner() + " volumeBindingMode=" + sc.bindingMode(),
                        "allowedTopologies=" + sc.allowedTopologies().stream().map(NodeRequirement::toString).toList()),
                "StorageClass " + sc.name() + " binds Immediate: each EBS volume is created in a zone chosen before its pod is"
                        + " scheduled, and the pod can then run only in that zone, whatever the NodePools and the pod's constraints allow",
                "use volumeBindingMode: WaitForFirstConsumer (a new StorageClass; existing ones cannot change)");
    }
}
