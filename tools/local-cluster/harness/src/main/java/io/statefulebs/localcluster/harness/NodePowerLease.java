package io.statefulebs.localcluster.harness;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

/**
 * How the harness learns that a node was powered off (an instance lost ungracefully): its Lease in
 * {@value #NAMESPACE} is held by {@value #HOLDER}. Whoever powers a node off (blueprint-it's {@code NodePower}, or a
 * person with kubectl) takes the Lease over with that holder; kwok then stops renewing it, and the harness stops playing
 * the node's kubelet: its writer loops stop, nothing new starts there, its {@code volumesInUse} stays as last reported.
 * The Lease is the one channel between the tests and this process, so it works across the process boundary.
 */
final class NodePowerLease {
    static final String HOLDER = "statefulebs-harness-powered-off";
    static final String NAMESPACE = "kube-node-lease";

    private NodePowerLease() {
    }

    /** Whether this Lease says its node is powered off. */
    static boolean poweredOff(Lease lease) {
        return lease != null && lease.getSpec() != null && HOLDER.equals(lease.getSpec().getHolderIdentity());
    }
}
