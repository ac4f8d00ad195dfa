package io.statefulebs.blueprint.fabric8;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the backend watches a namespaced resource once for the whole cluster or once per namespace: cluster-wide when
 * a SelfSubjectAccessReview says the identity may list and watch it in every namespace (then the number of watches does
 * not grow with runs in different namespaces), per namespace otherwise (the walkthrough's roles grant only that).
 * Asked once per resource and backend.
 */
final class InformerScope {
    private final AccessReviews reviews;
    private final Map<String, Boolean> clusterWide = new ConcurrentHashMap<>();

    InformerScope(AccessReviews reviews) {
        this.reviews = reviews;
    }

    boolean clusterWide(String plural, String group) {
        return clusterWide.computeIfAbsent(group + "/" + plural,
                k -> reviews.allowedClusterWide("list", plural, group) && reviews.allowedClusterWide("watch", plural, group));
    }
}
