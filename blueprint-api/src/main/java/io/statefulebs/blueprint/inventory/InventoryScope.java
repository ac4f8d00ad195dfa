package io.statefulebs.blueprint.inventory;

import java.util.Objects;

/** What an inventory covers: one namespace, or every namespace ({@link #namespace()} empty). Cluster-scoped objects are always included. */
public record InventoryScope(String namespace) {
    /**
     * Creates a scope; prefer {@link #namespace(String)} or {@link #allNamespaces()}.
     *
     * @param namespace the namespace covered, empty for every namespace; non-null
     */
    public InventoryScope {
        Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * One namespace; refuses a blank name (use {@link #allNamespaces()}).
     *
     * @param namespace the namespace to cover, non-null and not blank
     * @return the scope of that namespace
     * @throws IllegalArgumentException if {@code namespace} is blank
     */
    public static InventoryScope namespace(String namespace) {
        if (Objects.requireNonNull(namespace, "namespace").isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank; use InventoryScope.allNamespaces() for every namespace");
        }
        return new InventoryScope(namespace);
    }

    /** {@return the scope of every namespace} */
    public static InventoryScope allNamespaces() {
        return new InventoryScope("");
    }

    /** {@return whether this scope covers every namespace} */
    public boolean all() {
        return namespace.isEmpty();
    }

    /**
     * Whether an object of {@code objectNamespace} is inside this scope.
     *
     * @param objectNamespace the object's namespace
     * @return whether this scope covers every namespace or is that namespace
     */
    public boolean covers(String objectNamespace) {
        return all() || namespace.equals(objectNamespace);
    }

    @Override
    public String toString() {
        return all() ? "all namespaces" : "namespace " + namespace;
    }
}
