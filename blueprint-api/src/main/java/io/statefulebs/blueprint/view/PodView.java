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
    public PodView {
        labels = Map.copyOf(labels);
        claimNames = List.copyOf(claimNames);
    }

    public boolean running() {
        return "Running".equals(phase) && ready;
    }
}
