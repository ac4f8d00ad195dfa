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
 * <p>
 * A question about one object in one namespace is first asked for the whole resource in every namespace: RBAC only
 * adds rights, so a yes there is a yes for every object, and it serves every run of the backend. Answers are kept for
 * {@link ShortLivedAnswers#LIFETIME} (an identity's rights rarely change while a backend lives): yeses, and the noes to
 * such broad questions. A no about the object itself is never kept, so a right granted after a refusal counts at once;
 * a right revoked within the minute shows as the API server's 403 at the write instead of a refusal before it.
 */
final class AccessReviews {
    private static final Logger LOG = LoggerFactory.getLogger(AccessReviews.class);

    private final KubernetesClient client;
    private final ApiCalls calls;
    private final ApiKinds kinds;
    private final RbacManifest manifest;
    private final ShortLivedAnswers answers;

    AccessReviews(KubernetesClient client, ApiCalls calls, ApiKinds kinds, RbacManifest manifest, ShortLivedAnswers answers) {
        this.client = client;
        this.calls = calls;
        this.kinds = kinds;
        this.manifest = manifest;
        this.answers = answers;
    }

    private enum Decision { ALLOWED, DENIED, NONE }

    /** What a review asks; null namespace: every namespace (or a cluster-scoped resource), null name: every object. */
    private record Question(String verb, String group, String plural, String namespace, String name) {
        boolean broad() {
            return namespace == null && name == null;
        }

        Question broadened() {
            return new Question(verb, group, plural, null, null);
        }

        RequiredAccess access() {
            return RequiredAccess.of(verb, plural, group, namespace);
        }
    }

    /**
     * Whether the identity may {@code verb} {@code plural.group} cluster-wide (in every namespace): true only when the
     * API server says so; a denial, no decision or a failed review is false.
     */
    boolean allowedClusterWide(String verb, String plural, String group) {
        return decide(new Question(verb, group, plural, null, null)) == Decision.ALLOWED;
    }

    Optional<AccessDenial> review(String verb, ResourceRef target) {
        ResourceDefinitionContext context = kinds.context(target.apiVersion(), target.kind());
        String namespace = context.isNamespaceScoped() ? target.namespace() : null;
        Question question = new Question(verb, context.getGroup(), context.getPlural(), namespace,
                target.name().isEmpty() ? null : target.name());
        Decision broad = decide(question.broadened());
        Decision decision = broad != Decision.DENIED || question.broad() ? broad : decide(question);
        if (decision != Decision.DENIED) {
            return Optional.empty();
        }
        return Optional.of(new AccessDenial(verb, question.access().resource(), namespace,
                manifest.grantAdvice(verb, context.getPlural(), context.getGroup())));
    }

    /** A kept answer, else the server's: yeses and broad noes are kept, a failed review is NONE and not kept. */
    private Decision decide(Question question) {
        Decision decision = answers.get(question, () -> ask(question), d -> d != Decision.DENIED || question.broad());
        return decision == null ? Decision.NONE : decision;
    }

    private Decision ask(Question question) {
        SelfSubjectAccessReview asked = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder().withVerb(question.verb()).withGroup(question.group())
                        .withResource(question.plural()).withNamespace(question.namespace()).withName(question.name()).build())
                .endSpec().build();
        SelfSubjectAccessReview answer;
        try {
            answer = calls.run("review access " + question.access().describe(),
                    RequiredAccess.of("create", "selfsubjectaccessreviews", "authorization.k8s.io", null),
                    () -> client.authorization().v1().selfSubjectAccessReview().create(asked));
        } catch (BackendException e) {
            LOG.debug("No access review for {}: {}", question.access().describe(), e.getMessage());
            return null;
        }
        if (answer == null || answer.getStatus() == null || answer.getStatus().getAllowed() == null) {
            return Decision.NONE;
        }
        return answer.getStatus().getAllowed() ? Decision.ALLOWED : Decision.DENIED;
    }
}
