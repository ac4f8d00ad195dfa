package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.ResourceRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads from the backend's shared informer caches, for the duration of one wait: reading costs no request once an
 * informer has synced. What is cached is what the runs own: pods, claims and workloads selected by the library's
 * {@code managed-by} label (a run's own objects are then picked by namespace and run id in memory); events, volumes and
 * volume attachments, which carry no run label, filtered before caching to those about the runs' pods, claims and
 * volumes ({@link OwnedObjects}); nodes, the one resource kept whole (a run's pods may land on any node, and a
 * diagnosis needs to know whether a node exists). Namespaced resources are watched cluster-wide when the identity may
 * ({@link InformerScope}), else per namespace. An informer that has not synced by the wait's deadline is bypassed with
 * a direct read, so diagnostics at the deadline still see the cluster. A wait on pods or claims not selected by the
 * ownership label (a caller's own condition; the runs' never are) reads an informer of its whole namespace.
 */
final class InformerObjectSource implements ObjectSource {
    private static final String CLUSTER = "";
    /** The key of the volumes' informer (cluster-scoped, core group): what {@link InformerCaches#peek} is asked with. */
    static final String VOLUMES = "persistentvolumes";
    private static final Map<String, String> MANAGED = Map.of(OwnershipLabels.MANAGED_BY, OwnershipLabels.MANAGER);

    private final KubernetesClient client;
    private final ApiKinds kinds;
    private final InformerCaches.Lease lease;
    private final OwnedObjects owned;
    private final InformerScope scope;
    private final ObjectSource direct;
    private final Clock clock;
    private final Instant deadline;
    private final String awaited;

    InformerObjectSource(KubernetesClient client, ApiKinds kinds, InformerCaches caches, InformerCaches.Lease lease,
                         InformerScope scope, ObjectSource direct, Clock clock, Instant deadline, String awaited) {
        this.client = client;
        this.kinds = kinds;
        this.lease = lease;
        this.owned = caches.owned();
        this.scope = scope;
        this.direct = direct;
        this.clock = clock;
        this.deadline = deadline;
        this.awaited = awaited;
    }

    @Override
    public List<Node> nodes() {
        return read(store(nodeInformer()), Store::list, direct::nodes);
    }

    @Override
    public List<Pod> pods(String namespace, Map<String, String> selector) {
        InformerSpec<Pod> informer = owned(selector) ? podInformer(namespace) : everyPodInformer(namespace);
        return read(store(informer), s -> selected(s.list(), namespace, selector), () -> direct.pods(namespace, selector));
    }

    @Override
    public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return read(store(claimInformer(namespace)), s -> Optional.ofNullable(s.getByKey(namespace + "/" + name)),
                () -> direct.claim(namespace, name));
    }

    @Override
    public List<PersistentVolumeClaim> claims(String namespace, Map<String, String> selector) {
        InformerSpec<PersistentVolumeClaim> informer = owned(selector) ? claimInformer(namespace) : everyClaimInformer(namespace);
        return read(store(informer), s -> selected(s.list(), namespace, selector), () -> direct.claims(namespace, selector));
    }

    @Override
    public Optional<PersistentVolume> volume(String name) {
        return read(store(volumeInformer()), s -> Optional.ofNullable(s.getByKey(name)), () -> direct.volume(name));
    }

    @Override
    public List<Event> events(String namespace) {
        return read(store(eventInformer(namespace)), s -> s.list().stream().filter(e -> namespace.equals(e.getMetadata().getNamespace())).toList(),
                () -> direct.events(namespace));
    }

    @Override
    public List<VolumeAttachment> volumeAttachments() {
        return read(store(attachmentInformer()), Store::list, direct::volumeAttachments);
    }

    @Override
    public List<? extends HasMetadata> labelled(ManagedKind kind, String namespace, Map<String, String> labels) {
        return switch (kind) {
            case POD -> pods(namespace, labels);
            case PERSISTENT_VOLUME_CLAIM -> claims(namespace, labels);
            default -> labelled(managedInformer(kind.apiVersion(), kind.kind(), namespace), kind, namespace, labels);
        };
    }

    private <T extends HasMetadata> List<? extends HasMetadata> labelled(InformerSpec<T> informer, ManagedKind kind,
                                                                       String namespace, Map<String, String> labels) {
        Optional<List<T>> cached = store(informer).map(s -> s.list().stream()
                .filter(o -> (!kind.namespaced() || namespace.equals(o.getMetadata().getNamespace()))
                        && ObjectSource.matches(o.getMetadata().getLabels(), labels)).toList());
        return cached.isPresent() ? cached.get() : direct.labelled(kind, namespace, labels);
    }

    @Override
    public Optional<? extends HasMetadata> find(ResourceRef ref) {
        String key = ref.namespaced() ? ref.namespace() + "/" + ref.name() : ref.name();
        Optional<? extends Store<? extends HasMetadata>> store = switch ("v1".equals(ref.apiVersion()) ? ref.kind() : "") {
            case "Pod" -> store(podInformer(ref.namespace()));
            case "PersistentVolumeClaim" -> store(claimInformer(ref.namespace()));
            case "PersistentVolume" -> store(volumeInformer());
            case "Node" -> store(nodeInformer());
            default -> store(managedInformer(ref.apiVersion(), ref.kind(), ref.namespace()));
        };
        return read(store, s -> Optional.<HasMetadata>ofNullable(s.getByKey(key)), () -> direct.find(ref));
    }

    // ---- the informers: one spec per resource and scope, the same for every run of the backend --------------------

    private InformerSpec<Node> nodeInformer() {
        return spec("nodes", "", CLUSTER, false, client::nodes, null, InformerSpec.tellsNothing(), List.of());
    }

    private InformerSpec<Pod> podInformer(String namespace) {
        boolean all = clusterWide("pods", "");
        return spec("pods", "", namespace, true, () -> all ? client.pods().inAnyNamespace().withLabels(MANAGED)
                : client.pods().inNamespace(namespace).withLabels(MANAGED), null, tracking(owned::pod), List.of());
    }

    private InformerSpec<PersistentVolumeClaim> claimInformer(String namespace) {
        boolean all = clusterWide("persistentvolumeclaims", "");
        return spec("persistentvolumeclaims", "", namespace, true,
                () -> all ? client.persistentVolumeClaims().inAnyNamespace().withLabels(MANAGED)
                        : client.persistentVolumeClaims().inNamespace(namespace).withLabels(MANAGED),
                null, tracking(owned::claim), List.of());
    }

    /** A caller's wait on pods not selected by the library's label: every pod of the namespace (the runs never ask). */
    private InformerSpec<Pod> everyPodInformer(String namespace) {
        return new InformerSpec<>("pods in " + namespace, RequiredAccess.of("list,watch", "pods", "", namespace),
                () -> client.pods().inNamespace(namespace), null, false, InformerSpec.tellsNothing(), List.of());
    }

    /** A caller's wait on claims not selected by the library's label: every claim of the namespace. */
    private InformerSpec<PersistentVolumeClaim> everyClaimInformer(String namespace) {
        return new InformerSpec<>("persistentvolumeclaims in " + namespace,
                RequiredAccess.of("list,watch", "persistentvolumeclaims", "", namespace),
                () -> client.persistentVolumeClaims().inNamespace(namespace), null, false, InformerSpec.tellsNothing(),
                List.of());
    }

    private InformerSpec<Event> eventInformer(String namespace) {
        boolean all = clusterWide("events", "");
        return spec("events", "", namespace, false, () -> all ? client.v1().events().inAnyNamespace()
                : client.v1().events().inNamespace(namespace), owned::about, InformerSpec.tellsNothing(),
                List.of(podInformer(namespace), claimInformer(namespace)));
    }

    private InformerSpec<PersistentVolume> volumeInformer() {
        return spec(VOLUMES, "", CLUSTER, false, client::persistentVolumes, owned::boundToOwnClaim, true,
                new VolumeTracker(owned), List.of());
    }

    private InformerSpec<VolumeAttachment> attachmentInformer() {
        return spec("volumeattachments", "storage.k8s.io", CLUSTER, false, () -> client.storage().v1().volumeAttachments(),
                owned::ofOwnVolume, true, InformerSpec.tellsNothing(), List.of(volumeInformer()));
    }

    private InformerSpec<? extends HasMetadata> managedInformer(String apiVersion, String kind, String namespace) {
        ResourceDefinitionContext context = kinds.context(apiVersion, kind);
        boolean all = !context.isNamespaceScoped() || clusterWide(context.getPlural(), context.getGroup());
        return spec(context.getPlural(), context.getGroup(), context.isNamespaceScoped() ? namespace : CLUSTER, true,
                () -> kinds.watchable(context, all ? null : namespace, MANAGED), null,
                InformerSpec.tellsNothing(), List.of());
    }

    /**
     * {@code namespace}: where the reading run is ({@code ""} for a cluster-scoped resource); the informer covers it
     * alone, or every namespace when the identity may watch them all.
     */
    private <T extends HasMetadata> InformerSpec<T> spec(String plural, String group, String namespace, boolean managedOnly,
                                                        Supplier<? extends Informable<T>> source, Predicate<T> filter,
                                                        InformerSpec.Tracker<T> tracker, List<InformerSpec<?>> needs) {
        return spec(plural, group, namespace, managedOnly, source, filter, false, tracker, needs);
    }

    /** {@code keptUntilDeleted}: a volume stays cached until deleted, so cleanup sees it go after its claim went. */
    private <T extends HasMetadata> InformerSpec<T> spec(String plural, String group, String namespace, boolean managedOnly,
                                                        Supplier<? extends Informable<T>> source, Predicate<T> filter,
                                                        boolean keptUntilDeleted, InformerSpec.Tracker<T> tracker,
                                                        List<InformerSpec<?>> needs) {
        boolean perNamespace = !namespace.isEmpty() && !clusterWide(plural, group);
        RequiredAccess access = RequiredAccess.of("list,watch", plural, group, perNamespace ? namespace : null);
        String key = access.resource() + (managedOnly ? " managed by " + OwnershipLabels.MANAGER : "")
                + (perNamespace ? " in " + namespace : "");
        return new InformerSpec<>(key, access, source, filter, keptUntilDeleted, tracker, needs);
    }

    /** Whether the backend watches {@code plural.group} cluster-wide (asked once); an interrupt ends this wait. */
    private boolean clusterWide(String plural, String group) {
        try {
            return scope.clusterWide(plural, group);
        } catch (BlueprintInterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlueprintInterruptedException(awaited, new InterruptedException(e.getMessage()));
        }
    }

    private <T extends HasMetadata> Optional<Store<T>> store(InformerSpec<T> spec) {
        return lease.store(spec, Duration.between(clock.instant(), deadline), awaited);
    }

    private static <T extends HasMetadata> InformerSpec.Tracker<T> tracking(Tracking tracking) {
        return (object, present) -> tracking.accept(object.getMetadata().getNamespace(), object.getMetadata().getName(), present);
    }

    /** Tells {@link OwnedObjects} of a run's pod or claim. */
    private interface Tracking {
        void accept(String namespace, String name, boolean present);
    }

    /** Tells {@link OwnedObjects} which volumes the filtered store keeps. */
    private record VolumeTracker(OwnedObjects owned) implements InformerSpec.Tracker<PersistentVolume> {
        @Override
        public void seen(PersistentVolume volume, boolean present) {
            owned.volume(volume.getMetadata().getName(), present);
        }

        @Override
        public void afterRecheck(FilteredItemStore<PersistentVolume> store) {
            owned.retainVolumes(store.values().map(volume -> volume.getMetadata().getName()).toList());
        }
    }

    private static boolean owned(Map<String, String> selector) {
        return OwnershipLabels.MANAGER.equals(selector.get(OwnershipLabels.MANAGED_BY));
    }

    private static <S, R> R read(Optional<S> store, Function<S, R> fromCache, Supplier<R> fromServer) {
        return store.map(fromCache).orElseGet(fromServer);
    }

    private static <T extends HasMetadata> List<T> selected(List<T> objects, String namespace, Map<String, String> selector) {
        return objects.stream().filter(o -> namespace.equals(o.getMetadata().getNamespace())
                && ObjectSource.matches(o.getMetadata().getLabels(), selector)).toList();
    }
}
