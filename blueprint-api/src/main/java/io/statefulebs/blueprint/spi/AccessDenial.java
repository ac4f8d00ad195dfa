package io.statefulebs.blueprint.spi;

import java.util.Objects;

/**
 * What an {@link AccessReview} refused: {@code verb} on {@code resource} (as RBAC names it: plural and API group, e.g.
 * {@code volumeattachments.storage.k8s.io}) in {@code namespace} (null: cluster-wide), and {@code grant}, the backend's
 * advice on what grants it (a role of its RBAC manifest; may be empty).
 */
public record AccessDenial(String verb, String resource, String namespace, String grant) {
    /**
     * Checks the components.
     *
     * @param verb      the RBAC verb refused
     * @param resource  the resource as RBAC names it
     * @param namespace the namespace, or null for cluster-wide
     * @param grant     what grants it, possibly empty
     */
    public AccessDenial {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(grant, "grant");
    }

    /** {@return {@code 'verb' on 'resource' in namespace 'ns'}, or with {@code (cluster-wide)}} */
    public String describe() {
        return "'" + verb + "' on '" + resource + "'" + (namespace == null ? " (cluster-wide)" : " in namespace '" + namespace + "'");
    }
}
