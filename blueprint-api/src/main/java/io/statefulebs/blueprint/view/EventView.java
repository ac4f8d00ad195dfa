package io.statefulebs.blueprint.view;

import java.time.Instant;

/** A Kubernetes event as {@code kubectl describe} lists it: {@code type} is Normal or Warning. */
public record EventView(String type, String reason, String objectKind, String objectName, String message,
                        int count, Instant firstTime, Instant lastTime, String source) {
    /** {@return whether the event is a Warning} */
    public boolean warning() {
        return "Warning".equals(type);
    }

    /**
     * Whether the event is about an object.
     *
     * @param kind the object's kind
     * @param name the object's name
     * @return whether it is about that object
     */
    public boolean about(String kind, String name) {
        return objectKind.equals(kind) && objectName.equals(name);
    }
}
