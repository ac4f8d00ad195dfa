package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.spi.AccessDenial;
import io.statefulebs.blueprint.spi.AccessReview;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ResourceRef;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The permissions a step's writes need, asked of the backend before the first of them (when it offers
 * {@link AccessReview}): a step the identity may not finish is refused whole, with every missing verb and resource,
 * instead of failing half-way on a 403.
 */
final class AccessChecks {
    private final Set<Wanted> wanted = new LinkedHashSet<>();

    private record Wanted(String verb, ResourceRef target) {
    }

    AccessChecks need(String verb, ResourceRef target) {
        wanted.add(new Wanted(verb, target));
        return this;
    }

    /** Throws {@link ForbiddenException} (the first denial's verb and resource; the message lists all) if any is denied. */
    void require(ClusterBackend backend, String step) {
        // Asked one by one (a SelfSubjectAccessReview each on Kubernetes): a handful per step, only before writes.
        if (!(backend instanceof AccessReview review)) {
            return;
        }
        List<AccessDenial> denied = new ArrayList<>();
        for (Wanted w : wanted) {
            review.review(w.verb(), w.target()).filter(d -> !denied.contains(d)).ifPresent(denied::add);
        }
        if (denied.isEmpty()) {
            return;
        }
        AccessDenial first = denied.get(0);
        List<String> missing = denied.stream().map(d -> d.describe() + (d.grant().isEmpty() ? "" : " (" + d.grant() + ")")).toList();
        throw new ForbiddenException(step, first.verb(), first.resource(), first.namespace(), "forbidden: the identity's RBAC lacks "
                + String.join(", ", missing) + "; nothing was changed. Grant it, or run as an identity that has it", null);
    }
}
