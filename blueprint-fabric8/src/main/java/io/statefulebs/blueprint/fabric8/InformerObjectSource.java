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
import io.statefulebs.blueprint.spi.ResourceRef;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads from informer caches, for the duration of one wait: reading costs no request once an informer has
 * synced. An informer that has not synced by the wait's deadline is bypassed with a direct read, so
 * diagnostics at the deadline still see the cluster.
 */
final class InformerObjectSource implements ObjectSource {
    private static final String CLUSTER = "";

    private final KubernetesClient client;
    private final ApiKinds kinds;
    private final InformerCaches caches;
    private final ObjectSource direct;
    private final Clock clock;
    private final Instant deadline;
    private final String awaited;

    InformerObjectSource(KubernetesClient client, ApiKinds kinds, InformerCaches caches, ObjectSource direct, Clock clock,
                         Instant deadline, String awaited) {
        this.client = client;
        this.kinds = kinds;
        this.caches = caches;
        this.direct = direct;
        this.clock = clock;
        this.deadline = deadline;
        this.awaited = awaited;
    }

    @Override
    public List<Node> nodes() {
        return read(nodeCache(), Store::list, direct::nodes);
    }

    @Override
    public List<Pod> pods(String namespace, Map<String, String> selector) {
        return read(podCache(namespace), s -> selected(s.list(), selector), () -> direct.pods(namespace, selector));
    }

    @Override
    public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return read(claimCache(namespace), s -> Optional.ofNullable(s.getByKey(namespace + "/" + name)),
                () -> direct.claim(namespace, name));
    }

    @Override
    public List<PersistentVolumeClaim> claims(String namespace, Map<String, String> selector) {
        return read(claimCache(namespace), s -> selected(s.list(), selector), () -> direct.claims(namespace, selector));
    }

    @Override
    public Optional<PersistentVolume> volume(String name) {
        return read(volumeCache(), s -> Optional.ofNullable(s.getByKey(name)), () -> direct.volume(name));
    }

    @Override
    public List<Event> events(String namespace) {
        return read(cache("events", "", namespace, () -> client.v1().events().inNamespace(namespace)), Store::list,
                () -> direct.events(namespace));
    }

    @Override
    public List<VolumeAttachment> volumeAttachments() {
        return read(cache("volumeattachments", "storage.k8s.io", CLUSTER, () -> client.storage().v1().volumeAttachments()),
                Store::list, direct::volumeAttachments);
    }

    @Override
    public Optional<? extends HasMetadata> find(ResourceRef ref) {
        String key = ref.namespaced() ? ref.namespace() + "/" + ref.name() : ref.name();
        Optional<? extends Store<? extends HasMetadata>> store = switch ("v1".equals(ref.apiVersion()) ? ref.kind() : "") {
            case "Pod" -> podCache(ref.namespace());
            case "PersistentVolumeClaim" -> claimCache(ref.namespace());
            case "PersistentVolume" -> volumeCache();
            case "Node" -> nodeCache();
            default -> genericCache(ref);
        };
        return read(store, s -> Optional.<HasMetadata>ofNullable(s.getByKey(key)), () -> direct.find(ref));
    }

    private Optional<Store<Node>> nodeCache() {
        return cache("nodes", "", CLUSTER, client::nodes);
    }

    private Optional<Store<Pod>> podCache(String namespace) {
        return cache("pods", "", namespace, () -> client.pods().inNamespace(namespace));
    }

    private Optional<Store<PersistentVolumeClaim>> claimCache(String namespace) {
        return cache("persistentvolumeclaims", "", namespace, () -> client.persistentVolumeClaims().inNamespace(namespace));
    }

    private Optional<Store<PersistentVolume>> volumeCache() {
        return cache("persistentvolumes", "", CLUSTER, client::persistentVolumes);
    }

    private Optional<? extends Store<? extends HasMetadata>> genericCache(ResourceRef ref) {
        ResourceDefinitionContext context = kinds.context(ref.apiVersion(), ref.kind());
        String namespace = context.isNamespaceScoped() ? ref.namespace() : CLUSTER;
        return cache(context.getPlural(), context.getGroup(), namespace, () -> kinds.collection(context, ref.namespace()));
    }

    private <T extends HasMetadata> Optional<Store<T>> cache(String plural, String group, String namespace,
                                                             Supplier<? extends Informable<T>> source) {
        RequiredAccess access = RequiredAccess.of("list,watch", plural, group, namespace.isEmpty() ? null : namespace);
        String key = access.resource() + (namespace.isEmpty() ? "" : " in " + namespace);
        return caches.store(key, access, source, Duration.between(clock.instant(), deadline), awaited);
    }

    private static <S, R> R read(Optional<S> store, Function<S, R> fromCache, Supplier<R> fromServer) {
        return store.map(fromCache).orElseGet(fromServer);
    }

    private static <T extends HasMetadata> List<T> selected(List<T> objects, Map<String, String> selector) {
        return objects.stream().filter(o -> ObjectSource.matches(o.getMetadata().getLabels(), selector)).toList();
    }
}
