package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
 * Applies manifests with server-side apply under one field manager. A conflict with another field manager (409) is
 * reported with the fields' owner as the server names it; it is overridden only when the backend was built with
 * {@code forceConflicts(true)}. Any other 409 (the object changed under a concurrent write) is retried once by
 * applying again. Servers without apply (415, as fabric8's mock server) get create-or-update instead, with one
 * warning per backend.
 */
final class ServerSideApplier {
    static final String FIELD_MANAGER = "stateful-ebs-blueprint";
    private static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** The cause reason an API server gives a server-side apply conflict with another field manager. */
    private static final String FIELD_MANAGER_CONFLICT = "FieldManagerConflict";
    private static final Logger LOG = LoggerFactory.getLogger(ServerSideApplier.class);

    private final KubernetesClient client;
    private final ApiKinds kinds;
    private final ApiCalls calls;
    private final boolean forceConflicts;
    private final AtomicBoolean applyUnsupported;

    ServerSideApplier(KubernetesClient client, ApiKinds kinds, ApiCalls calls, boolean forceConflicts) {
        this(client, kinds, calls, forceConflicts, new AtomicBoolean());
    }

    private ServerSideApplier(KubernetesClient client, ApiKinds kinds, ApiCalls calls, boolean forceConflicts,
                              AtomicBoolean applyUnsupported) {
        this.client = client;
        this.kinds = kinds;
        this.calls = calls;
        this.forceConflicts = forceConflicts;
        this.applyUnsupported = applyUnsupported;
    }

    /** The same applier (a server found without apply stays so), sending through {@code otherCalls}. */
    ServerSideApplier withCalls(ApiKinds otherKinds, ApiCalls otherCalls) {
        return new ServerSideApplier(client, otherKinds, otherCalls, forceConflicts, applyUnsupported);
    }

    /** Creates the object; a 409 (it exists: someone got there first) is a CONFLICT, never an update. */
    void create(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        String operation = "create " + ref;
        GenericKubernetesResource object = toObject(operation, manifest);
        calls.run(operation, kinds.access("create", ref), () -> kinds.collection(ref).resource(object).create());
    }

    void apply(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        String operation = "apply " + ref;
        GenericKubernetesResource object = toObject(operation, manifest);
        try {
            applyOnce(operation, ref, object);
        } catch (RuntimeException e) {
            if (!retriableConflict(e)) {
                throw failure(operation, ref, e);
            }
            try {
                applyOnce(operation, ref, object);
            } catch (RuntimeException again) {
                throw failure(operation, ref, again);
            }
        }
    }

    /** Applies once (with {@link ApiCalls}' retries of 429 and 5xx); failures come out untranslated. */
    private void applyOnce(String operation, ResourceRef ref, GenericKubernetesResource object) {
        Resource<GenericKubernetesResource> resource = kinds.collection(ref).resource(object);
        if (!applyUnsupported.get()) {
            try {
                ServerSideApplicable<GenericKubernetesResource> apply = resource.fieldManager(FIELD_MANAGER);
                calls.retrying(operation, (forceConflicts ? apply.forceConflicts() : apply)::serverSideApply);
                return;
            } catch (RuntimeException e) {
                if (ApiErrors.hasCode(e, UNSUPPORTED_MEDIA_TYPE)) {
                    markApplyUnsupported("answers 415 Unsupported Media Type");
                } else if (!ApiErrors.hasCode(e, HttpURLConnection.HTTP_NOT_FOUND)) {
                    throw e;
                }
                // A 404 means apply cannot create here (fabric8's mock server patches existing objects only) or
                // something else is missing (the namespace); create-or-update below tells which, and reports it.
            }
        }
        calls.retrying(operation, () -> resource.unlock().createOr(NonDeletingOperation::update));
        markApplyUnsupported("cannot create objects with it");
    }

    /**
     * A 409 that applying again can fix: the object changed between read and write. Not a conflict with another
     * field manager: that one needs a person's decision (or forceConflicts), so it is reported.
     */
    private static boolean retriableConflict(Throwable failure) {
        if (!ApiErrors.hasCode(failure, HttpURLConnection.HTTP_CONFLICT)) {
            return false;
        }
        Status status = ((KubernetesClientException) ApiErrors.unwrap(failure)).getStatus();
        return !fieldManagerConflict(status);
    }

    private static boolean fieldManagerConflict(Status status) {
        if (status == null) {
            return false;
        }
        boolean namedCause = status.getDetails() != null && status.getDetails().getCauses() != null
                && status.getDetails().getCauses().stream().anyMatch(c -> FIELD_MANAGER_CONFLICT.equals(c.getReason()));
        return namedCause || (status.getMessage() != null && status.getMessage().startsWith("Apply failed with"));
    }

    private void markApplyUnsupported(String why) {
        if (applyUnsupported.compareAndSet(false, true)) {
            LOG.warn("The API server at {} {} for server-side apply; applying with create-or-update instead, "
                    + "which does not track field ownership", ClientFactory.displayUrl(client), why);
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

    private RuntimeException failure(String operation, ResourceRef ref, RuntimeException e) {
        if (ApiErrors.hasCode(e, HttpURLConnection.HTTP_CONFLICT) && !retriableConflict(e)) {
            return new BackendException(operation, "conflict: " + ApiErrors.serverMessage(e) + "; another field manager "
                    + "owns these fields: change them back, or build the backend with forceConflicts(true) to take them over", e);
        }
        return ApiErrors.translate(operation, kinds.access(applyUnsupported.get() ? "create" : "patch", ref), e);
    }
}
