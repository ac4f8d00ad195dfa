package io.statefulebs.blueprint.doctor;

import io.statefulebs.blueprint.MultiAttachPolicy;
import io.statefulebs.blueprint.inventory.AttachmentDetails;
import io.statefulebs.blueprint.inventory.NodeDetails;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.MultiAttachDiagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VolumeAttachments on nodes that are gone (leaked after a node deletion) or NotReady (the kubelet died): the volume
 * cannot attach anywhere else until they go. The recoveries are {@link MultiAttachPolicy}'s, with their preconditions.
 * A namespace's examination reports its own volumes' attachments and those whose volume is gone (no one's), not
 * other namespaces'.
 */
final class StaleAttachmentRule implements Rule {
    @Override
    public List<Finding> examine(Examination cluster) {
        List<Finding> findings = new ArrayList<>();
        for (AttachmentDetails a : cluster.inventory().attachments()) {
            String volume = a.attachment().volumeName();
            if (!cluster.volumeInScope(volume) && cluster.inventory().volume(volume).isPresent()) {
                continue;
            }
            Optional<NodeDetails> node = cluster.inventory().node(a.attachment().node());
            if (node.isPresent() && node.get().node().ready()) {
                continue;
            }
            MultiAttachDiagnosis asDiagnosis = new MultiAttachDiagnosis(a.attachment().volumeName(), a.attachment().name(), List.of(),
                    a.attachment().node(), node.isPresent(), false, a.createdAt(), "");
            List<String> evidence = new ArrayList<>();
            evidence.add("VolumeAttachment/" + a.attachment().name() + " volume=" + a.attachment().volumeName() + " node="
                    + a.attachment().node() + " attached=" + a.attachment().attached() + " age=" + cluster.age(a.createdAt())
                    + (a.deleting() ? " deletionTimestamp set" : ""));
            evidence.add(node.map(n -> "Node/" + n.name() + " NotReady for " + cluster.age(n.readySince()))
                    .orElse("Node/" + a.attachment().node() + " does not exist"));
            if (!a.error().isEmpty()) {
                evidence.add("driver error: " + a.error());
            }
            String state = node.isPresent() ? "NotReady node " + a.attachment().node() : "node " + a.attachment().node() + ", which no longer exists";
            findings.add(new Finding(DoctorChecks.STALE_ATTACHMENT, Finding.Severity.WARNING,
                    List.of("VolumeAttachment/" + a.attachment().name(), "PersistentVolume/" + a.attachment().volumeName(),
                            "Node/" + a.attachment().node()), evidence,
                    "volume " + a.attachment().volumeName() + " is still attached to " + state
                            + ": a pod that needs it elsewhere meets Multi-Attach errors until it is detached",
                    Recoveries.applicable(asDiagnosis)));
        }
        return findings;
    }
}
