package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running pods with volumes on Karpenter nodes that Karpenter may disrupt freely (consolidation, drift, expiry): no
 * {@code karpenter.sh/do-not-disrupt} annotation and no PodDisruptionBudget covering them. Info only: it is often
 * accepted, and every move costs a detach and an attach.
 */
final class DisruptionRule implements Rule {
    static final String DO_NOT_DISRUPT = "karpenter.sh/do-not-disrupt";

    @Override
    public List<Finding> examine(Examination cluster) {
        Map<String, List<PodDetails>> byWorkload = new LinkedHashMap<>();
        for (PodDetails pod : cluster.inventory().pods()) {
            boolean onKarpenterNode = cluster.node(pod.pod().node()).map(n -> n.karpenterManaged()).orElse(false);
            if (pod.pod().running() && !pod.pod().claimNames().isEmpty() && onKarpenterNode
                    && !"true".equals(pod.annotations().get(DO_NOT_DISRUPT))
                    && cluster.inventory().disruptionBudgets().stream().noneMatch(b -> b.covers(pod.namespace(), pod.pod().labels()))) {
                byWorkload.computeIfAbsent(Examination.workloadOf(pod), w -> new ArrayList<>()).add(pod);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byWorkload.forEach((workload, pods) -> findings.add(new Finding(DoctorChecks.DISRUPTION, Finding.Severity.INFO,
                List.of(workload), pods.stream().map(p -> p.ref() + " node=" + p.pod().node() + " claims=" + p.pod().claimNames()
                + " no " + DO_NOT_DISRUPT + ", no PodDisruptionBudget").toList(),
                pods.size() + " pod(s) of " + workload + " with volumes run on Karpenter nodes with no PodDisruptionBudget and no "
                        + DO_NOT_DISRUPT + ": consolidation or drift may move them all at once, each move a detach and attach",
                "add a PodDisruptionBudget for " + workload + " (e.g. maxUnavailable: 1), or annotate its pods "
                        + DO_NOT_DISRUPT + ": \"true\"")));
        return findings;
    }
}
