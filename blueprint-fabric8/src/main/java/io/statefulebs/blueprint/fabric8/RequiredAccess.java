package io.statefulebs.blueprint.fabric8;

/**
 * The RBAC permission a request needs, so a 403 can name exactly what to grant: {@code verb} on
 * {@code resource} (plural, with its API group, e.g. {@code storageclasses.storage.k8s.io}); {@code namespace}
 * is null for cluster-scoped resources and cluster-wide lists.
 */
record RequiredAccess(String verb, String resource, String namespace) {
    static RequiredAccess of(String verb, String plural, String group, String namespace) {
        return new RequiredAccess(verb, group == null || group.isEmpty() ? plural : plural + "." + group, namespace);
    }

    String describe() {
        return "'" + verb + "' on '" + resource + "'" + (namespace == null ? " (cluster-wide)" : " in namespace '" + namespace + "'");
    }
}
