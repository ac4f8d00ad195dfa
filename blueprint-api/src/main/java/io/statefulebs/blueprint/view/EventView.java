package io.statefulebs.blueprint.view;

import java.time.Instant;

/** A Kubernetes event as {@code kubectl describe} lists it: {@code type} is Normal or Warning. */
public record EventView(String type, String reason, String objectKind, String objectName, String message,
                        int count, Instant firstTime, Instant lastTime, String source) {
    public boolean warning() {
        return "Warning".equals(type);
    }

    public boolean about(String kind, String name) {
        return objectKind.equals(kind) && objectName.equals(name);
    }
}
