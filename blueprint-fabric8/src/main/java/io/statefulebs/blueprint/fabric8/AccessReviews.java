package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.spi.AccessDenial;
import io.statefulebs.blueprint.spi.ResourceRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Asks the API server with a SelfSubjectAccessReview (which every authenticated identity may create, through the
 * default {@code system:basic-user} binding) whether the backend's identity may do something. It reports the
 * authorizers' decision only: no object is read or changed. A server that gives no decision (no authorization API,
 * fabric8's mock server, a review itself refused) is not taken for a denial: the request itself will say.
 */
final class AccessReviews {
    private static final Logger LOG = LoggerFactory.getLogger(AccessReviews.class);

    private final KubernetesClient client;
    private final ApiCalls calls;
    private final ApiKinds kinds;
    private final RbacManifest manifest;

    AccessReviews(KubernetesClient client, ApiCalls calls, ApiKinds kinds, RbacManifest manifest) {
        this.client = client;
        this.calls = calls;
        this.kinds = kinds;
        this.manifest = manifest;
    }

    /**
     * Whether the identity may {@code verb} {@code plural.group} cluster-wide (in every namespace): true only when the
     * API server says so; a denial, no decision or a failed review is false.
     */
    boolean allowedClusterWide(String verb, String plural, String group) {
        SelfSubjectAccessReview asked = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder().withVerb(verb).withGroup(group).withResource(plural).build())
                .endSpec().build();
        try {
            SelfSubjectAccessReview answer = calls.run("review access " + RequiredAccess.of(verb, plural, group, null).describe(),
                    RequiredAccess.of("create", "selfsubjectaccessreviews", "authorization.k8s.io", null),
                    () -> client.authorization().v1().selfSubjectAccessReview().create(asked));
            return answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
        } catch (BackendException e) {
            LOG.debug("No access review for cluster-wide {} of {}: {}", verb, plural, e.getMessage());
            return false;
        }
    }

    Optional<AccessDenial> review(String verb, ResourceRef target) {
        ResourceDefinitionContext context = kinds.context(target.apiVersion(), target.kind());
        String namespace = context.isNamespaceScoped() ? target.namespace() : null;
        SelfSubjectAccessReview asked = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder().withVerb(verb).withGroup(context.getGroup())
                        .withResource(context.getPlural()).withNamespace(namespace)
                        .withName(target.name().isEmpty() ? null : target.name()).build())
                .endSpec().build();
        RequiredAccess access = RequiredAccess.of(verb, context.getPlural(), context.getGroup(), namespace);
        SelfSubjectAccessReview answer;
        try {
            answer = calls.run("review access " + access.describe(),
                    RequiredAccess.of("create", "selfsubjectaccessreviews", "authorization.k8s.io", null),
                    () -> client.authorization().v1().selfSubjectAccessReview().create(asked));
        } catch (BackendException e) {
            LOG.debug("No access review for {}: {}", access.describe(), e.getMessage());
            return Optional.empty();
        }
        if (answer == null || answer.getStatus() == null || !Boolean.FALSE.equals(answer.getStatus().getAllowed())) {
            return Optional.empty();
        }
        return Optional.of(new AccessDenial(verb, access.resource(), namespace,
                manifest.grantAdvice(verb, context.getPlural(), context.getGroup())));
    }
}
