package io.statefulebs.blueprint.error;

import java.util.Optional;

/** 403: the identity's RBAC lacks {@link #verb()} on {@link #resource()}; the message says which role grants it. */
public class ForbiddenException extends BackendException {
    /** The denied verb. */
    private final String verb;
    /** The resource the verb was denied on. */
    private final String resource;
    /** The namespace of the request, or null for a cluster-scoped one. */
    private final String namespace;

    /**
     * @param resource the resource as RBAC names it, e.g. {@code volumeattachments.storage.k8s.io}
     * @param namespace the namespace of the request, or null for a cluster-scoped one
     * @param operation what the library was doing
     * @param verb the denied verb, e.g. {@code delete}
     * @param message what happened and which role grants the permission
     * @param cause the backend's own exception, or null
     */
    public ForbiddenException(String operation, String verb, String resource, String namespace, String message, Throwable cause) {
        super(operation, Kind.FORBIDDEN, 403, message, cause);
        this.verb = verb;
        this.resource = resource;
        this.namespace = namespace;
    }

    /** {@return the verb that was denied, e.g. {@code delete}} */
    public String verb() {
        return verb;
    }

    /** {@return the resource the verb was denied on, e.g. {@code persistentvolumeclaims}} */
    public String resource() {
        return resource;
    }

    /** {@return the namespace of the denied request; empty for a cluster-scoped resource} */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }
}
