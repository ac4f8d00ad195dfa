package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.spi.ResourceRef;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Resolves a {@link ResourceRef}'s apiVersion and kind to the REST resource fabric8 addresses. Built-in kinds
 * come from fabric8's model registry (no request); other kinds (Karpenter's) from API discovery, once.
 * Every object is handled as a generic resource, so one code path serves every kind.
 */
final class ApiKinds {
    private final KubernetesClient client;
    private final ApiCalls calls;
    private final ConcurrentMap<String, ResourceDefinitionContext> discovered;

    ApiKinds(KubernetesClient client, ApiCalls calls) {
        this(client, calls, new ConcurrentHashMap<>());
    }

    private ApiKinds(KubernetesClient client, ApiCalls calls, ConcurrentMap<String, ResourceDefinitionContext> discovered) {
        this.client = client;
        this.calls = calls;
        this.discovered = discovered;
    }

    /** The same kinds (what was discovered stays known), discovering through {@code other} calls. */
    ApiKinds withCalls(ApiCalls other) {
        return new ApiKinds(client, other, discovered);
    }

    ResourceDefinitionContext context(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type =
                client.getKubernetesSerialization().getRegisteredKubernetesResource(apiVersion, kind);
        if (type != null && HasMetadata.class.isAssignableFrom(type) && type != GenericKubernetesResource.class) {
            return ResourceDefinitionContext.fromResourceType(type);
        }
        // NodeClaims are named by the disruption's access check before any of them is read: no discovery request for them.
        if (KarpenterNodePools.NODE_CLAIMS.getKind().equals(kind) && "karpenter.sh/v1".equals(apiVersion)) {
            return KarpenterNodePools.NODE_CLAIMS;
        }
        return discovered.computeIfAbsent(apiVersion + "/" + kind, key -> discover(apiVersion, kind));
    }

    /** The collection {@code ref} lives in: its namespace, or the cluster for cluster-scoped kinds. */
    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> collection(
            ResourceRef ref) {
        return collection(context(ref.apiVersion(), ref.kind()), ref.namespace());
    }

    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> collection(
            ResourceDefinitionContext context, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(context);
        return context.isNamespaceScoped() && namespace != null ? all.inNamespace(namespace) : all;
    }

    /**
     * What an informer of {@code context} lists and watches: the objects carrying {@code labels} in {@code namespace},
     * in every namespace when it is null (not the client's default namespace, which a collection without one means), or
     * in the cluster for a cluster-scoped kind.
     */
    Informable<GenericKubernetesResource> watchable(ResourceDefinitionContext context, String namespace, Map<String, String> labels) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(context);
        if (!context.isNamespaceScoped()) {
            return all.withLabels(labels);
        }
        return namespace == null ? all.inAnyNamespace().withLabels(labels) : all.inNamespace(namespace).withLabels(labels);
    }

    Resource<GenericKubernetesResource> named(ResourceRef ref) {
        return collection(ref).withName(ref.name());
    }

    RequiredAccess access(String verb, ResourceRef ref) {
        ResourceDefinitionContext context = context(ref.apiVersion(), ref.kind());
        return RequiredAccess.of(verb, context.getPlural(), context.getGroup(), context.isNamespaceScoped() ? ref.namespace() : null);
    }

    static RequiredAccess access(String verb, ResourceDefinitionContext context, String namespace) {
        return RequiredAccess.of(verb, context.getPlural(), context.getGroup(), context.isNamespaceScoped() ? namespace : null);
    }

    static String apiVersion(ResourceDefinitionContext context) {
        String group = context.getGroup();
        return group == null || group.isEmpty() ? context.getVersion() : group + "/" + context.getVersion();
    }

    private ResourceDefinitionContext discover(String apiVersion, String kind) {
        String operation = "discover " + kind + " in " + apiVersion;
        APIResourceList resources = calls.run(operation, new RequiredAccess("get", "/apis/" + apiVersion, null),
                () -> client.getApiResources(apiVersion));
        if (resources != null && resources.getResources() != null) {
            for (APIResource resource : resources.getResources()) {
                if (kind.equals(resource.getKind()) && !resource.getName().contains("/")) {
                    return ResourceDefinitionContext.fromApiResource(apiVersion, resource);
                }
            }
        }
        throw new BackendException(operation, "the API server does not serve kind " + kind + " in " + apiVersion
                + " (is its CustomResourceDefinition installed?)");
    }
}
