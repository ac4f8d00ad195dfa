package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.view.EventView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events as the API server keeps them: a repeat of the same event raises its count and last time. */
final class EventLog {
    private final Map<String, EventView> events = new LinkedHashMap<>();
    private final Map<String, String> namespaces = new LinkedHashMap<>();

    void record(Instant now, String namespace, String type, String reason, String kind, String name, String message,
                String source) {
        String key = namespace + "|" + kind + "|" + name + "|" + reason + "|" + message;
        EventView previous = events.remove(key);
        EventView event = previous == null
                ? new EventView(type, reason, kind, name, message, 1, now, now, source)
                : new EventView(type, reason, kind, name, message, previous.count() + 1, previous.firstTime(), now, source);
        events.put(key, event);
        namespaces.put(key, namespace);
    }

    /** The namespace's events (cluster-scoped ones, such as a Node's, included), oldest last-seen first. */
    List<EventView> in(String namespace) {
        List<EventView> out = new ArrayList<>();
        events.forEach((key, event) -> {
            String ns = namespaces.get(key);
            if (ns.isEmpty() || ns.equals(namespace)) {
                out.add(event);
            }
        });
        return out;
    }
}
