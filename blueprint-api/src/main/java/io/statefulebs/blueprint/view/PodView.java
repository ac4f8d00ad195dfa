package io.statefulebs.blueprint.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pod as {@code kubectl get pods -o wide} shows it; {@code uid} tells a pod from a namesake that replaced it. {@code reason} is why it is not running (for example
 * {@code ContainerCreating} or {@code Unschedulable}), empty otherwise; {@code node} is empty until scheduled.
 */
public record PodView(String namespace, String name, String uid, String phase, boolean ready, String node, String reason,
                      int restarts, Instant createdAt, Map<String, String> labels, List<String> claimNames) {
    /**
     * Copies the labels and claim names.
     *
     * @param namespace the namespace
     * @param name the pod's name
     * @param uid its uid
     * @param phase its phase
     * @param ready whether it is ready
     * @param node its node, empty until scheduled
     * @param reason why it is not running, empty otherwise
     * @param restarts its container restarts
     * @param createdAt when it was created
     * @param labels its labels
     * @param claimNames the claims it mounts
     */
    public PodView {
        labels = Map.copyOf(labels);
        claimNames = List.copyOf(claimNames);
    }

    /** {@return whether the pod is Running and ready} */
    public boolean running() {
        return "Running".equals(phase) && ready;
    }
}
