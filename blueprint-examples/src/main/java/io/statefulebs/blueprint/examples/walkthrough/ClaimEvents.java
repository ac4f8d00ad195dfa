package io.statefulebs.blueprint.examples.walkthrough;

import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;

import java.time.Instant;
import java.util.List;

/** A claim right after apply and its events, as {@code kubectl describe pvc} shows them at {@code at}. */
public record ClaimEvents(ClaimView claim, List<EventView> events, Instant at) {
    public ClaimEvents {
        events = List.copyOf(events);
    }

    public boolean waitingForFirstConsumer() {
        return events.stream().anyMatch(e -> e.reason().equals("WaitForFirstConsumer"));
    }
}
