package io.statefulebs.blueprint.view;

import java.util.List;

/**
 * What the cluster showed when a wait failed or timed out: the run's pods with their phases and reasons, its
 * claims, and the latest events about them (at most {@value #EVENTS_SHOWN}, oldest first).
 */
public record WaitDiagnostics(List<PodView> pods, List<ClaimView> claims, List<EventView> events) {
    /** How many of the latest events are kept. */
    public static final int EVENTS_SHOWN = 10;
    /** Nothing to report (a wait that does not describe the cluster). */
    public static final WaitDiagnostics NONE = new WaitDiagnostics(List.of(), List.of(), List.of());

    /**
     * Copies the lists, keeping only the latest {@value #EVENTS_SHOWN} events.
     *
     * @param pods the run's pods
     * @param claims the run's claims
     * @param events the events about them, oldest first
     */
    public WaitDiagnostics {
        pods = List.copyOf(pods);
        claims = List.copyOf(claims);
        events = List.copyOf(events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size()));
    }

    /** {@return whether there is nothing to report} */
    public boolean empty() {
        return pods.isEmpty() && claims.isEmpty() && events.isEmpty();
    }

    /**
     * The diagnostics as indented lines, as error messages show them ("none" for an empty list); empty only for
     * {@link #NONE}, the diagnostics of a wait that does not describe the cluster.
     *
     * @return the indented lines
     */
    public String describe() {
        if (this == NONE) {
            return "";
        }
        StringBuilder out = new StringBuilder("  pods:");
        if (pods.isEmpty()) {
            out.append(" none");
        }
        pods.forEach(p -> out.append("\n    ").append(p.name()).append(' ').append(p.phase())
                .append(p.reason().isEmpty() ? "" : " (" + p.reason() + ")")
                .append(p.node().isEmpty() ? ", not scheduled" : " on " + p.node()));
        out.append("\n  claims:");
        if (claims.isEmpty()) {
            out.append(" none");
        }
        claims.forEach(c -> out.append("\n    ").append(c.name()).append(' ').append(c.phase())
                .append(c.volumeName().isEmpty() ? "" : " volume " + c.volumeName() + " in " + c.zone()));
        out.append("\n  recent events:");
        if (events.isEmpty()) {
            out.append(" none");
        }
        events.forEach(e -> out.append("\n    ").append(e.type()).append(' ').append(e.reason()).append(' ')
                .append(e.objectKind()).append('/').append(e.objectName())
                .append(e.count() > 1 ? " (x" + e.count() + ")" : "").append(": ").append(e.message()));
        return out.toString();
    }
}
