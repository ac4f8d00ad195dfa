package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.StorageClassView;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * A StorageClass whose provisioner has no CSIDriver: its claims are never provisioned. The classic case is EKS Auto
 * Mode's {@code ebs.csi.eks.amazonaws.com} on a cluster running the add-on's {@code ebs.csi.aws.com}, or the reverse.
 */
final class CsiDriverRule implements Rule {
    @Override
    public List<Finding> examine(Examination cluster) {
        List<Finding> findings = new ArrayList<>();
        for (StorageClassView sc : cluster.inventory().storageClasses()) {
            // In-tree provisioners (kubernetes.io/...) have no CSIDriver object; migration hands them to the CSI driver.
            if (sc.provisioner().startsWith("kubernetes.io/") || cluster.inventory().csiDrivers().contains(sc.provisioner())) {
                continue;
            }
            List<ClaimView> claims = cluster.inventory().claims().stream().filter(c -> c.storageClass().equals(sc.name())).toList();
            List<String> evidence = new ArrayList<>();
            evidence.add("StorageClass/" + sc.name() + " provisioner=" + sc.provisioner());
            evidence.add("CSIDrivers=" + cluster.inventory().csiDrivers());
            claims.forEach(c -> evidence.add(Examination.claimRef(c) + " phase=" + c.phase()));
            List<String> objects = new ArrayList<>();
            objects.add("StorageClass/" + sc.name());
            claims.forEach(c -> objects.add(Examination.claimRef(c)));
            String otherEbs = cluster.inventory().csiDrivers().stream()
                    .filter(d -> Examination.EBS_PROVISIONERS.contains(d) && Examination.EBS_PROVISIONERS.contains(sc.provisioner()))
                    .findFirst().orElse("");
            findings.add(new Finding(DoctorChecks.CSI_DRIVER, claims.isEmpty() ? Finding.Severity.WARNING : Finding.Severity.ERROR,
                    objects, evidence, "StorageClass " + sc.name() + " names provisioner " + sc.provisioner()
                    + ", which no CSIDriver on the cluster serves: " + (claims.isEmpty() ? "a claim of this class would"
                    : claims.size() + " claim(s) of it") + " never get a volume",
                    otherEbs.isEmpty() ? "install the CSI driver " + sc.provisioner() + " or use a StorageClass of an installed driver"
                            : "create a StorageClass with provisioner " + otherEbs + " (the EBS driver this cluster runs) and use it"
                            + " (a StorageClass's provisioner cannot be changed)"));
        }
        return findings;
    }
}
