package io.statefulebs.blueprint.sim;

import java.time.Duration;

/**
 * How long the simulated components take, in virtual time. The defaults give the walkthrough's "around two
 * minutes" to Running pods and Kubernetes' 6-minute force-detach after an ungraceful node loss.
 *
 * @param nodeLaunch         from Karpenter's decision to the node registering
 * @param nodeInitialization from registration to Ready and {@code karpenter.sh/initialized}
 * @param volumeProvisioning from a claim's selected node to its volume being created and bound
 * @param volumeAttach       for the attach-detach controller to attach a volume
 * @param containerStart     image pull and container start
 * @param nodeLossDetection  from an instance vanishing to Karpenter deleting its node
 * @param forceDetach        maxWaitForUnmountDuration: how long a volume stays attached to a lost node
 * @param eventResync        how often controllers repeat a still-true warning or waiting event
 */
public record SimTimings(Duration nodeLaunch, Duration nodeInitialization, Duration volumeProvisioning,
                         Duration volumeAttach, Duration containerStart, Duration nodeLossDetection,
                         Duration forceDetach, Duration eventResync) {
    /** {@return the default timings} */
    public static SimTimings defaults() {
        return new SimTimings(Duration.ofSeconds(45), Duration.ofSeconds(20), Duration.ofSeconds(6),
                Duration.ofSeconds(10), Duration.ofSeconds(6), Duration.ofSeconds(40), Duration.ofMinutes(6),
                Duration.ofSeconds(15));
    }

    /**
     * The same timings with node launches and volume provisioning slowed by {@code extra}.
     *
     * @param extra the added delay
     * @return the slower timings
     */
    public SimTimings slowerProvisioning(Duration extra) {
        return new SimTimings(nodeLaunch.plus(extra), nodeInitialization, volumeProvisioning.plus(extra), volumeAttach,
                containerStart, nodeLossDetection, forceDetach, eventResync);
    }
}
