package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.EventView;

import java.util.Objects;

/** An event with the namespace it was recorded in (empty or {@code default} for cluster-scoped objects such as nodes). */
public record NamespacedEvent(String namespace, EventView event) {
    public NamespacedEvent {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(event, "event");
    }
}
