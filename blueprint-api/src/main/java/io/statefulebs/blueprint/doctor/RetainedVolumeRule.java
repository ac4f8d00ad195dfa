package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.PersistentVolumeView;
import io.statefulebs.blueprint.view.Finding;

import java.util.List;

/**
 * A Released volume whose reclaim policy is Retain: its EBS volume stays (and is billed) with no claim using it. A
 * namespace's examination reports the volumes its claims released.
 */
final class RetainedVolumeRule implements Rule {
    @Override
    public List<Finding> examine(Examination cluster) {
        return cluster.inventory().volumes().stream().filter(v -> v.released() && v.reclaimPolicy().equals("Retain")
                        && cluster.volumeInScope(v.name()))
                .map(RetainedVolumeRule::finding).toList();
    }

    private static Finding finding(PersistentVolumeView v) {
        String claim = v.claimName().isEmpty() ? "<none>" : v.claimNamespace() + "/" + v.claimName();
        List<String> evidence = List.of("PersistentVolume/" + v.name() + " phase=Released reclaimPolicy=Retain capacity="
                        + v.capacity() + " zone=" + (v.zone().isEmpty() ? "<none>" : v.zone()),
                "claimRef=" + claim + " volumeHandle=" + (v.volumeHandle().isEmpty() ? "<none>" : v.volumeHandle()));
        return new Finding(DoctorChecks.RETAINED_VOLUME, Finding.Severity.WARNING, List.of("PersistentVolume/" + v.name()),
                evidence, "volume " + v.name() + " (" + v.capacity() + ") was released by claim " + claim
                + " and is kept by reclaimPolicy Retain: its EBS volume is still billed though nothing can bind it",
                "if its data is needed, clear spec.claimRef so a new claim can bind it; otherwise delete the PersistentVolume and"
                        + " then EBS volume " + (v.volumeHandle().isEmpty() ? "behind it" : v.volumeHandle()));
    }
}
