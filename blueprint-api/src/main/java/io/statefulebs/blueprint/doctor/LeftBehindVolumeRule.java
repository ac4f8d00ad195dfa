package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.PersistentVolumeView;
import io.statefulebs.blueprint.view.EbsVolumeView;
import io.statefulebs.blueprint.view.Finding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EBS volumes the CSI driver created that are attached to nothing and whose PersistentVolume no longer exists (deleted
 * by hand, or by a reclaim that never reached EC2): nothing in the cluster can use them, yet they are billed. Known
 * only with {@link StatefulStorageDoctor#volumes}. A namespace examination reports those whose tags name a claim of
 * that namespace; every namespace, all of them.
 */
final class LeftBehindVolumeRule implements Rule {
    /**
     * The driver creates the EBS volume before the provisioner creates its PersistentVolume: a volume younger than
     * this may be one whose PersistentVolume is on its way.
     */
    static final Duration PROVISIONING_GRACE = Duration.ofMinutes(10);

    @Override
    public List<Finding> examine(Examination cluster) {
        Set<String> volumeNames = cluster.inventory().volumes().stream().map(PersistentVolumeView::name).collect(Collectors.toSet());
        Set<String> handles = cluster.inventory().volumes().stream().map(PersistentVolumeView::volumeHandle).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        for (EbsVolumeView volume : cluster.availableDriverVolumes()) {
            Optional<String> pv = volume.persistentVolumeName();
            boolean inUse = handles.contains(volume.volumeId()) || pv.map(volumeNames::contains).orElse(false);
            boolean young = volume.createdAt().isAfter(cluster.now().minus(PROVISIONING_GRACE));
            if (!volume.available() || !volume.createdByCsiDriver() || inUse || young || !inScope(cluster, volume)) {
                continue;
            }
            findings.add(finding(cluster, volume, pv));
        }
        return findings;
    }

    private static boolean inScope(Examination cluster, EbsVolumeView volume) {
        String namespace = volume.tags().get(EbsVolumeView.CREATED_FOR_CLAIM_NAMESPACE);
        return cluster.inventory().scope().all() || (namespace != null && cluster.inventory().scope().covers(namespace));
    }

    private static Finding finding(Examination cluster, EbsVolumeView volume, Optional<String> pv) {
        String what = volume.sizeGiB() + " GiB " + volume.type() + " in " + volume.zone();
        List<String> evidence = List.of("EBS volume " + volume.volumeId() + " state=" + volume.state() + " size=" + volume.sizeGiB()
                        + "GiB type=" + volume.type() + " zone=" + volume.zone() + " created " + cluster.age(volume.createdAt()) + " ago",
                "tags " + volume.tags(),
                "no PersistentVolume " + pv.orElse("<untagged>") + " and none with volumeHandle " + volume.volumeId());
        String createdFor = pv.map(name -> " for PersistentVolume " + name).orElse("")
                + volume.claim().map(claim -> " (claim " + claim + ")").orElse("");
        return new Finding(DoctorChecks.LEFT_BEHIND_VOLUME, Finding.Severity.WARNING, List.of("EBSVolume/" + volume.volumeId()),
                evidence, "EBS volume " + volume.volumeId() + " (" + what + ") was created by the EBS CSI driver" + createdFor
                + ", which no longer exists: it is attached to nothing and billed though nothing in the cluster can use it",
                "if its data is needed, snapshot it or bind it again through a PersistentVolume with volumeHandle "
                        + volume.volumeId() + "; otherwise delete it (aws ec2 delete-volume --volume-id " + volume.volumeId() + ")");
    }
}
