package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ReadWriteOnce claim mounted by several replicas of one workload (the blueprint's default Deployment): it works
 * only while every replica lands on the node the volume is attached to.
 */
final class SharedRwoClaimRule implements Rule {
    @Override
    public List<Finding> examine(Examination cluster) {
        Map<String, List<PodDetails>> byWorkloadAndClaim = new LinkedHashMap<>();
        for (PodDetails pod : cluster.inventory().pods()) {
            for (String claim : pod.pod().claimNames()) {
                byWorkloadAndClaim.computeIfAbsent(Examination.workloadOf(pod) + "|" + pod.namespace() + "/" + claim,
                        k -> new ArrayList<>()).add(pod);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byWorkloadAndClaim.forEach((key, pods) -> {
            String workload = key.substring(0, key.indexOf('|'));
            String claimName = key.substring(key.lastIndexOf('/') + 1);
            Optional<ClaimView> claim = cluster.inventory().claim(pods.get(0).namespace(), claimName);
            if (pods.size() > 1 && claim.isPresent() && Examination.readWriteOnce(claim.get())) {
                findings.add(finding(workload, claim.get(), pods));
            }
        });
        return findings;
    }

    private static Finding finding(String workload, ClaimView claim, List<PodDetails> pods) {
        List<String> evidence = new ArrayList<>();
        evidence.add(Examination.claimRef(claim) + " accessModes=" + claim.accessModes());
        pods.forEach(p -> evidence.add(p.ref() + " phase=" + p.pod().phase() + " node=" + (p.pod().node().isEmpty() ? "<none>" : p.pod().node())));
        long nodes = pods.stream().map(p -> p.pod().node()).filter(n -> !n.isEmpty()).distinct().count();
        return new Finding(DoctorChecks.SHARED_RWO_CLAIM, Finding.Severity.WARNING, List.of(workload, Examination.claimRef(claim)),
                evidence, pods.size() + " replicas of " + workload + " share ReadWriteOnce claim " + claim.name()
                + " (now on " + nodes + " node(s)): a replica scheduled on another node (a node loss, a rollout, a"
                + " consolidation) meets Multi-Attach errors",
                "run it as a StatefulSet with volumeClaimTemplates (one claim per replica), or as 1 replica with strategy Recreate");
    }
}
