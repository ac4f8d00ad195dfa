package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Powers a kwok node off, ungracefully: its heartbeats stop, its containers stop, nothing on it is cleaned up.
 *
 * <p>Two steps, because kwok heartbeats in two ways. The node and its pods are annotated {@value #ANNOTATION}:
 * start.sh's kwok node stages (status heartbeat, initialization) skip such a node, and its pod-delete stage such a pod
 * (a deleted one stays Terminating, as no kubelet confirms). Then its Lease in {@code kube-node-lease} is taken over
 * (holder {@value #HOLDER}, an hour long) and renewed once, never again: kwok does not take over a Lease another
 * holder renewed within its duration and treats the node and its pods as read-only meanwhile, so it stops renewing it
 * and stops updating the node's pods (deleted ones stay Terminating, as with a dead kubelet). The node lifecycle
 * controller marks the node Unknown once its grace period (30 s on the tier) passed since that renewal. The harness
 * process start.sh runs (tools/local-cluster/harness: its container runtime and volume manager) reads the same Lease,
 * by its holder, and stops playing the node too: its writer loops stop and its {@code volumesInUse} stays as last
 * reported.
 */
final class NodePower {
    /** The Lease holder the harness recognises a powered-off node by (its {@code NodePowerLease}). */
    static final String HOLDER = "statefulebs-harness-powered-off";
    static final String ANNOTATION = "statefulebs.io/powered-off";
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private NodePower() {
    }

    static void powerOff(KubernetesClient client, String node) {
        client.nodes().withName(node).edit(n -> new NodeBuilder(n).editMetadata().addToAnnotations(ANNOTATION, "true").endMetadata().build());
        for (Pod pod : client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems()) {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .edit(p -> new PodBuilder(p).editMetadata().addToAnnotations(ANNOTATION, "true").endMetadata().build());
        }
        client.leases().inNamespace(LEASE_NAMESPACE).withName(node).edit(lease -> new LeaseBuilder(lease).editSpec()
                .withHolderIdentity(HOLDER).withLeaseDurationSeconds(3600)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build());
    }
}
