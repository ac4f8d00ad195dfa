package io.statefulebs.blueprint.spi;

import java.util.Optional;

/**
 * Optional capability: asks the cluster, without changing anything, whether this backend's identity may do something.
 * The engine asks before a step's first write (deploy, scale, failover, the destructive Multi-Attach recoveries), so an
 * identity that lacks a permission is refused before the step has changed anything. Without it, a missing permission
 * shows as the 403 of the request that needed it.
 */
public interface AccessReview {
    /**
     * Whether the identity may {@code verb} (an RBAC verb: {@code create}, {@code patch}, {@code delete}, ...) the object
     * {@code target} names; an empty {@code target.name()} asks about any object of its kind (in its namespace).
     *
     * @param verb   the RBAC verb
     * @param target the object, or any object of its kind when its name is empty
     * @return empty when allowed, or when the cluster gave no decision (the request itself then tells); else the denial
     */
    Optional<AccessDenial> review(String verb, ResourceRef target);
}
