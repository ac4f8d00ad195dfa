package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Powers a kwok node off, ungracefully: its heartbeats stop, its containers stop, nothing on it is cleaned up.
 *
 * <p>kwok plays a node's kubelet only while it holds the node's Lease in {@code kube-node-lease}; it does not take
 * over a Lease another holder renewed within its duration, and treats the node and its pods as read-only meanwhile.
 * Powering off takes the Lease over (holder {@value #HOLDER}, an hour long) and renews it once, never again: kwok
 * stops heartbeating, stops updating the node's pods (deleted ones stay Terminating, as with a dead kubelet), and the
 * node lifecycle controller marks the node Unknown once its grace period passed since that renewal. The harness's
 * kubelet parts ({@link HarnessContainers}, {@link HarnessVolumeManager}) read the same Lease and stop playing the node
 * too: its writer loops stop and its {@code volumesInUse} stays as last reported.
 */
final class NodePower {
    static final String HOLDER = "statefulebs-harness-powered-off";
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private NodePower() {
    }

    /** Whether this Lease says its node is powered off. */
    static boolean poweredOff(Lease lease) {
        return lease != null && lease.getSpec() != null && HOLDER.equals(lease.getSpec().getHolderIdentity());
    }

    static void powerOff(KubernetesClient client, String node) {
        client.leases().inNamespace(LEASE_NAMESPACE).withName(node).edit(lease -> new LeaseBuilder(lease).editSpec()
                .withHolderIdentity(HOLDER).withLeaseDurationSeconds(3600)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build());
    }
}
