package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.ResourceRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads each object from the API server when asked: what direct calls on the backend see (read-your-writes). */
final class ApiObjectSource implements ObjectSource {
    private final KubernetesClient client;
    private final ApiKinds kinds;
    private final ApiCalls calls;

    ApiObjectSource(KubernetesClient client, ApiKinds kinds, ApiCalls calls) {
        this.client = client;
        this.kinds = kinds;
        this.calls = calls;
    }

    @Override
    public List<Node> nodes() {
        return calls.run("list nodes", RequiredAccess.of("list", "nodes", "", null), () -> client.nodes().list().getItems());
    }

    @Override
    public List<Pod> pods(String namespace, Map<String, String> selector) {
        return calls.run("list pods in " + namespace, RequiredAccess.of("list", "pods", "", namespace),
                () -> client.pods().inNamespace(namespace).withLabels(selector).list().getItems());
    }

    @Override
    public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return calls.run("get PersistentVolumeClaim/" + namespace + "/" + name,
                RequiredAccess.of("get", "persistentvolumeclaims", "", namespace),
                () -> Optional.ofNullable(client.persistentVolumeClaims().inNamespace(namespace).withName(name).get()));
    }

    @Override
    public List<PersistentVolumeClaim> claims(String namespace, Map<String, String> selector) {
        return calls.run("list persistentvolumeclaims in " + namespace, RequiredAccess.of("list", "persistentvolumeclaims", "", namespace),
                () -> client.persistentVolumeClaims().inNamespace(namespace).withLabels(selector).list().getItems());
    }

    @Override
    public Optional<PersistentVolume> volume(String name) {
        return calls.run("get PersistentVolume/" + name, RequiredAccess.of("get", "persistentvolumes", "", null),
                () -> Optional.ofNullable(client.persistentVolumes().withName(name).get()));
    }

    @Override
    public List<Event> events(String namespace) {
        return calls.run("list events in " + namespace, RequiredAccess.of("list", "events", "", namespace),
                () -> client.v1().events().inNamespace(namespace).list().getItems());
    }

    @Override
    public List<VolumeAttachment> volumeAttachments() {
        return calls.run("list volumeattachments", RequiredAccess.of("list", "volumeattachments", "storage.k8s.io", null),
                () -> client.storage().v1().volumeAttachments().list().getItems());
    }

    @Override
    public List<GenericKubernetesResource> labelled(ManagedKind kind, String namespace, Map<String, String> labels) {
        ResourceDefinitionContext context = kinds.context(kind.apiVersion(), kind.kind());
        return calls.run("list " + context.getPlural() + " labelled " + labels, ApiKinds.access("list", context, namespace),
                () -> kinds.collection(context, kind.namespaced() ? namespace : null).withLabels(labels).list().getItems());
    }

    @Override
    public Optional<? extends HasMetadata> find(ResourceRef ref) {
        return Optional.ofNullable(calls.run("get " + ref, kinds.access("get", ref), () -> kinds.named(ref).get()));
    }
}
