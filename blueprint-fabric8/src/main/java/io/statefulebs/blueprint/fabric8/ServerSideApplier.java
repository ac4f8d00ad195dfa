package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies manifests with server-side apply under one field manager. A conflict (409) is reported with the
 * fields' owner as the server names it; it is overridden only when the backend was built with
 * {@code forceConflicts(true)}. Servers without apply (415, as fabric8's mock server) get create-or-update
 * instead, with one warning per backend.
 */
final class ServerSideApplier {
    static final String FIELD_MANAGER = "stateful-ebs-blueprint";
    private static final int UNSUPPORTED_MEDIA_TYPE = 415;
    private static final Logger LOG = LoggerFactory.getLogger(ServerSideApplier.class);

    private final KubernetesClient client;
    private final ApiKinds kinds;
    private final boolean forceConflicts;
    private final AtomicBoolean applyUnsupported = new AtomicBoolean();

    ServerSideApplier(KubernetesClient client, ApiKinds kinds, boolean forceConflicts) {
        this.client = client;
        this.kinds = kinds;
        this.forceConflicts = forceConflicts;
    }

    void apply(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        String operation = "apply " + ref;
        GenericKubernetesResource object = toObject(operation, manifest);
        Resource<GenericKubernetesResource> resource = kinds.collection(ref).resource(object);
        if (!applyUnsupported.get()) {
            try {
                ServerSideApplicable<GenericKubernetesResource> apply = resource.fieldManager(FIELD_MANAGER);
                (forceConflicts ? apply.forceConflicts() : apply).serverSideApply();
                return;
            } catch (RuntimeException e) {
                if (ApiErrors.hasCode(e, UNSUPPORTED_MEDIA_TYPE)) {
                    markApplyUnsupported("answers 415 Unsupported Media Type");
                } else if (!ApiErrors.hasCode(e, HttpURLConnection.HTTP_NOT_FOUND)) {
                    throw applyFailure(operation, ref, e);
                }
                // A 404 means apply cannot create here (fabric8's mock server patches existing objects only) or
                // something else is missing (the namespace); create-or-update below tells which, and reports it.
            }
        }
        try {
            resource.unlock().createOr(NonDeletingOperation::update);
        } catch (RuntimeException e) {
            throw ApiErrors.translate(operation, kinds.access("create", ref), e);
        }
        markApplyUnsupported("cannot create objects with it");
    }

    private void markApplyUnsupported(String why) {
        if (applyUnsupported.compareAndSet(false, true)) {
            LOG.warn("The API server at {} {} for server-side apply; applying with create-or-update instead, "
                    + "which does not track field ownership", client.getMasterUrl(), why);
        }
    }

    /** Jackson 2 tree in, fabric8's own (Jackson 3) object out: the two meet only as JSON text. */
    private GenericKubernetesResource toObject(String operation, Manifest manifest) {
        GenericKubernetesResource object;
        try {
            object = client.getKubernetesSerialization().unmarshal(manifest.body().toString(), GenericKubernetesResource.class);
        } catch (RuntimeException e) {
            throw new BackendException(operation, "the manifest is not a Kubernetes object: " + e.getMessage(), e);
        }
        ResourceRef ref = manifest.ref();
        if (object.getMetadata() == null || !ref.name().equals(object.getMetadata().getName())
                || !ref.apiVersion().equals(object.getApiVersion()) || !ref.kind().equals(object.getKind())) {
            throw new BackendException(operation, "the manifest's apiVersion, kind and metadata.name must match " + ref);
        }
        return object;
    }

    private RuntimeException applyFailure(String operation, ResourceRef ref, RuntimeException e) {
        if (ApiErrors.hasCode(e, HttpURLConnection.HTTP_CONFLICT)) {
            return new BackendException(operation, "conflict: " + ApiErrors.serverMessage(e) + "; another field manager "
                    + "owns these fields: change them back, or build the backend with forceConflicts(true) to take them over", e);
        }
        return ApiErrors.translate(operation, kinds.access("patch", ref), e);
    }
}
