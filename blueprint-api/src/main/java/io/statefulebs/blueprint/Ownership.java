package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.OwnershipException;
import io.statefulebs.blueprint.render.ManifestRenderer;
import io.statefulebs.blueprint.render.Manifests;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.ObjectMetadata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Never take over what a run did not create. Before anything is written, every object the run would create is read:
 * an object that exists belongs to someone else (another run, or not this library) and stops the deploy unless
 * adoption was asked for. New objects are created, never applied, so one made by someone else in between is a
 * conflict, not a takeover.
 */
final class Ownership {
    static final String CHECK = "ownership";

    private Ownership() {
    }

    /** The manifests to write, in apply order, and those of them that exist and are adopted (the rest are created). */
    record Plan(List<Manifest> manifests, Set<ResourceRef> adopted) {
        List<String> adoptedNames() {
            return manifests.stream().map(Manifest::ref).filter(adopted::contains).map(ResourceRef::toString).toList();
        }

        List<String> createdNames() {
            return manifests.stream().map(Manifest::ref).filter(r -> !adopted.contains(r)).map(ResourceRef::toString).toList();
        }
    }

    /** Reads the cluster and plans the writes; throws {@link OwnershipException} before anything is written. */
    static Plan plan(ClusterBackend backend, StatefulEbsBlueprint blueprint, Manifests manifests, boolean adopt) {
        String runId = blueprint.runId();
        // As the backend watches it: the shared watches already hold every run's objects, so this costs no request there.
        List<ResourceRef> live = backend.watchedView().listLabelled(blueprint.namespace(), OwnershipLabels.forRun(runId));
        if (!live.isEmpty()) {
            throw new OwnershipException(runId, List.of(new Finding(CHECK, Finding.Severity.ERROR,
                    live.stream().map(ResourceRef::toString).toList(), List.of(OwnershipLabels.RUN_ID + "=" + runId),
                    "run id " + runId + " is live on the cluster (its objects exist)", "deploy with another runId, or remove"
                    + " the live run first with Cleanup.run(backend, \"" + blueprint.namespace() + "\", \"" + runId + "\", timeout)")));
        }
        Set<ResourceRef> adopted = new LinkedHashSet<>();
        List<Finding> conflicts = new ArrayList<>();
        for (Manifest manifest : manifests.items()) {
            Optional<ObjectMetadata> existing = backend.metadata(manifest.ref());
            if (existing.isEmpty()) {
                continue;
            }
            if (adopt) {
                adopted.add(manifest.ref());
            } else {
                conflicts.add(conflict(manifest.ref(), existing.get()));
            }
        }
        conflicts.addAll(foreignStatefulSetClaims(backend, blueprint, blueprint.workload().replicas(), adopt));
        if (!conflicts.isEmpty()) {
            throw new OwnershipException(runId, conflicts);
        }
        return new Plan(manifests.items(), adopted);
    }

    /**
     * The StatefulSet controller adopts existing claims named {@code <claim>-<workload>-<ordinal>} by name: any of the
     * first {@code replicas} that exists and is not this run's would be taken over.
     */
    static List<Finding> foreignStatefulSetClaims(ClusterView cluster, StatefulEbsBlueprint blueprint, int replicas, boolean adopt) {
        if (adopt || blueprint.workload().kind() != WorkloadKind.STATEFULSET) {
            return List.of();
        }
        List<Finding> found = new ArrayList<>();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            ResourceRef claim = ResourceRef.claim(blueprint.namespace(), ManifestRenderer.statefulSetClaimName(
                    blueprint.storage().claimName(), blueprint.workload().name(), ordinal));
            cluster.metadata(claim).filter(m -> !OwnershipLabels.belongsTo(m.labels(), blueprint.runId()))
                    .ifPresent(m -> found.add(conflict(claim, m)));
        }
        return found;
    }

    static Finding conflict(ResourceRef ref, ObjectMetadata existing) {
        String owner = existing.labels().get(OwnershipLabels.RUN_ID);
        String who = owner != null ? "it belongs to run " + owner
                : "it was not created by this library (field managers: "
                + (existing.fieldManagers().isEmpty() ? "none recorded" : String.join(", ", existing.fieldManagers())) + ")";
        List<String> evidence = new ArrayList<>();
        existing.labels().forEach((k, v) -> evidence.add("label " + k + "=" + v));
        existing.fieldManagers().forEach(m -> evidence.add("field manager " + m));
        return new Finding(CHECK, Finding.Severity.ERROR, List.of(ref.toString()), evidence,
                ref + " already exists and " + who, "choose other names (storage.storageClassName, storage.claimName,"
                + " workload.name), or deploy with adopt(true) to take it over (cleanup then deletes it)");
    }

    /** Writes the plan in order: creates new objects (a 409 means someone got there first), applies adopted ones. */
    static void write(ClusterBackend backend, String runId, Plan plan) {
        for (Manifest manifest : plan.manifests()) {
            if (plan.adopted().contains(manifest.ref())) {
                backend.apply(manifest);
                continue;
            }
            try {
                backend.create(manifest);
            } catch (BackendException e) {
                if (e.kind() != BackendException.Kind.CONFLICT) {
                    throw e;
                }
                OwnershipException taken = new OwnershipException(runId, List.of(Finding.error(CHECK, manifest.ref().toString(),
                        manifest.ref() + " was created by someone else while this run was deploying",
                        "choose other names, or deploy with adopt(true) to take it over")));
                taken.addSuppressed(e);
                throw taken;
            }
        }
    }
}
