package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.EventView;

import java.util.Objects;

/** An event with the namespace it was recorded in (empty or {@code default} for cluster-scoped objects such as nodes). */
public record NamespacedEvent(String namespace, EventView event) {
    /**
     * Creates the event; both arguments must be non-null.
     *
     * @param namespace the namespace the event was recorded in
     * @param event     the event
     */
    public NamespacedEvent {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(event, "event");
    }
}
