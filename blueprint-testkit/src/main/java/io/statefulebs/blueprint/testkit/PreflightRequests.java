package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.spi.PreflightRequest;

/** Builds the {@link PreflightRequest} the engine sends for a blueprint, for tests of a backend's cluster checks. */
public final class PreflightRequests {
    private PreflightRequests() {
    }

    /**
     * What the engine asks a backend's preflight before deploying {@code blueprint} (its zone must be resolved).
     *
     * @param blueprint the blueprint, with its zone resolved
     * @return the preflight request
     */
    public static PreflightRequest of(StatefulEbsBlueprint blueprint) {
        return new PreflightRequest(blueprint.namespace(), blueprint.render().items(), blueprint.storage().provisioner(),
                blueprint.workload().nodeSelector());
    }
}
