package io.statefulebs.blueprint;

import io.statefulebs.blueprint.spi.Waiter;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.view.CleanupReport;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.error.BackendException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes what a run created, found by its ownership labels (so it also works from another process that only
 * knows the namespace and run id), waits until that and the volumes its claims were bound to are gone, then
 * lists what is left, as the backend watches it ({@link ClusterBackend#watchedView()}: the wait just saw it go).
 * Ownership is checked again at delete time: an object relabelled since it was listed is left alone and reported. An
 * object whose owners this cleanup deleted is left to the garbage collector, and waited for like the rest.
 */
final class RunCleanup {
    /** How often an object that keeps changing between read and delete is read again before cleanup gives up on it. */
    private static final int CONFLICT_ATTEMPTS = 3;
    /** How many cleanup passes a transient failure may cost before it is reported. */
    private static final int PASSES = 3;

    private RunCleanup() {
    }

    /**
     * Runs the cleanup; a transient failure (a dropped connection, throttling, a server error) starts the pass again, at
     * most {@value #PASSES} passes within the one deadline: every pass lists afresh, so what the last one did is not redone.
     */
    static CleanupReport run(ClusterBackend unbounded, String namespace, String runId, Duration timeout) {
        return run(unbounded, namespace, runId, timeout, List.of());
    }

    /**
     * {@link #run(ClusterBackend, String, String, Duration)} for the process that deployed the run: {@code written} are
     * the objects it wrote, which let the first list be read from what the backend watches when that holds them all.
     */
    static CleanupReport run(ClusterBackend unbounded, String namespace, String runId, Duration timeout, List<ResourceRef> written) {
        StepDeadline deadline = StepDeadline.after(unbounded, timeout);
        for (int pass = 1; ; pass++) {
            try {
                return pass(deadline, namespace, runId, written);
            } catch (BackendException e) {
                if (!e.retryable() || pass == PASSES) {
                    throw e;
                }
            }
        }
    }

    private static CleanupReport pass(StepDeadline deadline, String namespace, String runId, List<ResourceRef> written) {
        ClusterBackend backend = deadline.backend();
        Map<String, String> ownership = OwnershipLabels.forRun(runId);
        ClusterView watched = backend.watchedView();
        Map<ResourceRef, ObjectMetadata> listed = firstList(backend, watched, namespace, ownership, written);
        List<ResourceRef> owned = new ArrayList<>(listed.keySet());
        // ManagedKind lists kinds in delete order: workloads first, the StorageClass last.
        owned.sort(Comparator.comparing(r -> ManagedKind.of(r).map(Enum::ordinal).orElse(0)));
        // What the backend watches: a claim's volume never changes once bound, and the last look follows a wait that saw
        // everything go.
        Map<String, String> volumeOfClaim = new HashMap<>();
        watched.claims(namespace, ownership).stream().filter(c -> !c.volumeName().isEmpty())
                .forEach(c -> volumeOfClaim.put(c.name(), c.volumeName()));
        List<String> deleted = new ArrayList<>();
        List<String> leftAlone = new ArrayList<>();
        List<ResourceRef> expectedGone = new ArrayList<>();
        Set<String> goneUids = new HashSet<>();
        for (ResourceRef ref : owned) {
            ObjectMetadata seen = listed.get(ref);
            Outcome outcome = collected(seen, goneUids) ? Outcome.COLLECTED : deleteIfStillOwned(backend, ref, runId, seen);
            if (outcome == Outcome.LEFT_ALONE) {
                leftAlone.add(ref.toString());
                continue;
            }
            if (outcome != Outcome.ABSENT) {
                deleted.add(ref.toString());
            }
            if (!seen.uid().isEmpty()) {
                goneUids.add(seen.uid());
            }
            expectedGone.add(ref);
            if (ref.kind().equals("PersistentVolumeClaim") && volumeOfClaim.containsKey(ref.name())) {
                expectedGone.add(ResourceRef.persistentVolume(volumeOfClaim.get(ref.name())));
            }
        }
        Waiter.await(backend, Wait.<Void>until("deletion of the objects of run " + runId, deadline.remaining(), cluster -> {
            List<String> left = remaining(cluster, namespace, ownership, expectedGone);
            return left.isEmpty() ? Verdict.satisfied(null) : Verdict.pending("still present: " + left);
        }));
        List<ResourceRef> relisted = new ArrayList<>(watched.listLabelled(namespace, ownership));
        expectedGone.stream().filter(r -> r.kind().equals("PersistentVolume")).forEach(relisted::add);
        // The relist holds the run's pods too (Pod is a ManagedKind): no separate pod list.
        return new CleanupReport(runId, deleted, existing(watched, relisted), leftAlone);
    }

    /**
     * The run's objects as the backend watches them when that holds every object the run wrote (its waits saw them; a
     * stale resourceVersion only costs a conflict and a read), else a fresh list: an object written moments ago, by a
     * deploy that failed halfway, may be newer than any watch, and another process knows nothing it wrote.
     */
    private static Map<ResourceRef, ObjectMetadata> firstList(ClusterBackend backend, ClusterView watched, String namespace,
                                                            Map<String, String> ownership, List<ResourceRef> written) {
        if (!written.isEmpty()) {
            Map<ResourceRef, ObjectMetadata> seen = watched.listLabelledMetadata(namespace, ownership);
            if (seen.keySet().containsAll(written)) {
                return seen;
            }
        }
        return backend.listLabelledMetadata(namespace, ownership);
    }

    /**
     * DELETED by this cleanup; ABSENT already; LEFT_ALONE no longer this run's; COLLECTED: every owner is gone, so the
     * garbage collector deletes it (a StatefulSet's pods, and its claims with {@code whenDeleted: Delete}), and a delete
     * of ours would only meet the collector's changes with a conflict.
     */
    private enum Outcome { DELETED, ABSENT, LEFT_ALONE, COLLECTED }

    /** Whether {@code seen} has owners and all of them are among the objects this pass deleted or found gone. */
    private static boolean collected(ObjectMetadata seen, Set<String> goneUids) {
        return !seen.ownerUids().isEmpty() && goneUids.containsAll(seen.ownerUids());
    }

    /**
     * Deletes {@code ref} only while it still carries this run's id: the delete is conditional on the resourceVersion of
     * the read that showed the label (first the list's, {@code listed}), and a conflict (it changed in between) means
     * reading it again.
     */
    private static Outcome deleteIfStillOwned(ClusterBackend backend, ResourceRef ref, String runId, ObjectMetadata listed) {
        for (int attempt = 1; ; attempt++) {
            Optional<ObjectMetadata> current = attempt == 1 ? Optional.of(listed) : backend.metadata(ref);
            if (current.isEmpty()) {
                return Outcome.ABSENT;
            }
            if (!OwnershipLabels.belongsTo(current.get().labels(), runId)) {
                return Outcome.LEFT_ALONE;
            }
            try {
                return backend.delete(ref, current.get().resourceVersion()) ? Outcome.DELETED : Outcome.ABSENT;
            } catch (BackendException e) {
                if (e.kind() != BackendException.Kind.CONFLICT || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** {@code refs} that still exist, and the run's pods (those made since the list, too). */
    private static List<String> remaining(ClusterView cluster, String namespace, Map<String, String> ownership,
                                          List<ResourceRef> refs) {
        List<String> left = new ArrayList<>(existing(cluster, refs));
        cluster.pods(namespace, ownership).stream().map(p -> "Pod/" + namespace + "/" + p.name()).filter(p -> !left.contains(p))
                .forEach(left::add);
        return left;
    }

    private static List<String> existing(ClusterView cluster, List<ResourceRef> refs) {
        return refs.stream().filter(cluster::exists).map(ResourceRef::toString).distinct().toList();
    }
}
