package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.PreflightFailedException;
import io.statefulebs.blueprint.render.Manifests;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spi.ClusterChecks;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.PreflightRequest;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * Deploys a spec: choose the backend, resolve the zone, preflight, apply in order. If anything fails after the
 * first object was applied, what was applied is deleted before the error is thrown, so no half-run is left.
 */
final class Deployer {
    private Deployer() {
    }

    static BlueprintRun deploy(StatefulEbsBlueprint spec, DeployOptions options) {
        BackendDiscovery.Selection selection = BackendDiscovery.select(options);
        ClusterBackend backend = selection.backend();
        try {
            StepRunner steps = new StepRunner(spec.runId(), backend.clock(), options.listeners());
            StatefulEbsBlueprint blueprint = steps.run("resolve-zone", "choose the availability zone",
                    () -> ZoneResolution.resolve(spec, options, backend), b -> "zone " + b.zone().orElseThrow());
            Manifests manifests = blueprint.render();
            if (options.preflight() && backend instanceof ClusterChecks checks) {
                steps.run("preflight", "check the cluster can run the blueprint on " + backend.name(),
                        () -> preflight(checks, blueprint, manifests));
            }
            Ownership.Plan plan = steps.run("ownership", "check no object the run would create belongs to someone else",
                    () -> Ownership.plan(backend, blueprint, manifests, options.adopt()),
                    p -> p.adopted().isEmpty() ? "every object is new" : "adopting " + p.adoptedNames() + " as asked");
            steps.run("apply", "apply " + manifests.items().stream().map(m -> m.ref().toString()).toList(),
                    () -> {
                        writeAccess(blueprint, plan).require(backend, "deploy");
                        applyAll(backend, blueprint, plan);
                        return plan;
                    },
                    written -> "created " + written.createdNames() + (written.adopted().isEmpty() ? "" : ", adopted " + written.adoptedNames()));
            return new DefaultBlueprintRun(blueprint, backend, selection.owned(), steps, plan.adoptedNames());
        } catch (RuntimeException e) {
            if (selection.owned()) {
                backend.close();
            }
            throw e;
        }
    }

    private static void preflight(ClusterChecks checks, StatefulEbsBlueprint blueprint, Manifests manifests) {
        List<Finding> findings = new ArrayList<>(checks.preflight(new PreflightRequest(blueprint.namespace(),
                manifests.items(), blueprint.storage().provisioner(), blueprint.workload().nodeSelector())));
        // The topology check reasons over the cluster's NodePools: only worth asking once the backend's own checks
        // found the cluster usable (an endpoint that is no API server, or has no Karpenter, has no pools to read).
        if (findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR)) {
            findings.addAll(TopologyPreflight.check(blueprint, checks.nodePools()));
        }
        if (!findings.isEmpty()) {
            throw new PreflightFailedException(findings);
        }
    }

    /**
     * What deploying and cleaning up the plan writes: create (patch for an adopted object, server-side apply) and delete of
     * each object, and delete of the claims a StatefulSet's controller makes. Checked together so that a run that could
     * not be cleaned up is never started.
     */
    private static AccessChecks writeAccess(StatefulEbsBlueprint blueprint, Ownership.Plan plan) {
        AccessChecks checks = new AccessChecks();
        for (Manifest manifest : plan.manifests()) {
            checks.need(plan.adopted().contains(manifest.ref()) ? "patch" : "create", manifest.ref()).need("delete", manifest.ref());
        }
        if (blueprint.workload().kind() == WorkloadKind.STATEFULSET) {
            checks.need("delete", ResourceRef.claim(blueprint.namespace(), ""));
        }
        return checks;
    }

    /**
     * Writes the plan; on a failure deletes what carries this run's labels (the ownership check made sure nothing did
     * before), so no half-run is left.
     */
    private static void applyAll(ClusterBackend backend, StatefulEbsBlueprint blueprint, Ownership.Plan plan) {
        try {
            Ownership.write(backend, blueprint.runId(), plan);
        } catch (RuntimeException e) {
            try {
                RunCleanup.run(backend, blueprint.namespace(), blueprint.runId(), BlueprintRun.DEFAULT_TIMEOUT);
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            throw e;
        }
    }
}
