package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.view.EventView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events as the API server keeps them: a repeat of the same event raises its count and last time. Kept per
 * namespace, so listing one namespace's events does not grow with every other run's on a shared cluster.
 */
final class EventLog {
    private static final String CLUSTER_SCOPED = "";
    private final Map<String, Map<String, EventView>> byNamespace = new HashMap<>();

    void record(Instant now, String namespace, String type, String reason, String kind, String name, String message,
                String source) {
        Map<String, EventView> events = byNamespace.computeIfAbsent(namespace, ns -> new LinkedHashMap<>());
        String key = kind + "|" + name + "|" + reason + "|" + message;
        EventView previous = events.remove(key);
        EventView event = previous == null
                ? new EventView(type, reason, kind, name, message, 1, now, now, source)
                : new EventView(type, reason, kind, name, message, previous.count() + 1, previous.firstTime(), now, source);
        events.put(key, event);
    }

    /** The namespace's events and the cluster-scoped ones (a Node's, say), each group in the order last seen. */
    List<EventView> in(String namespace) {
        List<EventView> out = new ArrayList<>(byNamespace.getOrDefault(CLUSTER_SCOPED, Map.of()).values());
        if (!namespace.equals(CLUSTER_SCOPED)) {
            out.addAll(byNamespace.getOrDefault(namespace, Map.of()).values());
        }
        return out;
    }

    /** The namespaces with events ({@code ""} for cluster-scoped objects), and each one's own events. */
    Map<String, List<EventView>> byNamespace() {
        Map<String, List<EventView>> out = new LinkedHashMap<>();
        byNamespace.forEach((namespace, events) -> out.put(namespace, List.copyOf(events.values())));
        return out;
    }

    /** Every namespace's events, ordered by when they were last seen. */
    List<EventView> all() {
        List<EventView> out = new ArrayList<>();
        byNamespace.values().forEach(events -> out.addAll(events.values()));
        out.sort(java.util.Comparator.comparing(EventView::lastTime));
        return out;
    }
}
