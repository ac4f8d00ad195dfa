package io.statefulebs.blueprint.inventory;

import java.util.Objects;

/** What an inventory covers: one namespace, or every namespace ({@link #namespace()} empty). Cluster-scoped objects are always included. */
public record InventoryScope(String namespace) {
    public InventoryScope {
        Objects.requireNonNull(namespace, "namespace");
    }

    /** One namespace; refuses a blank name (use {@link #allNamespaces()}). */
    public static InventoryScope namespace(String namespace) {
        if (Objects.requireNonNull(namespace, "namespace").isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank; use InventoryScope.allNamespaces() for every namespace");
        }
        return new InventoryScope(namespace);
    }

    public static InventoryScope allNamespaces() {
        return new InventoryScope("");
    }

    public boolean all() {
        return namespace.isEmpty();
    }

    /** Whether an object of {@code objectNamespace} is inside this scope. */
    public boolean covers(String objectNamespace) {
        return all() || namespace.equals(objectNamespace);
    }

    @Override
    public String toString() {
        return all() ? "all namespaces" : "namespace " + namespace;
    }
}
