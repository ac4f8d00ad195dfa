package io.statefulebs.blueprint.inventory;

import java.time.Instant;

/** One status condition of an object (type, status {@code True}/{@code False}/{@code Unknown}, reason, message, since when). */
public record ResourceCondition(String type, String status, String reason, String message, Instant since) {
    public boolean isTrue() {
        return "True".equals(status);
    }
}
