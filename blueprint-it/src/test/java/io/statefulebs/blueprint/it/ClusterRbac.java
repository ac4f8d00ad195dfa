package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRefBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.statefulebs.blueprint.it.FeatureIdentity.RoleRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the roles of the shipped rbac.yaml on the tier (its Roles into each namespace a test uses, as a user applies them
 * with {@code -n}), one ServiceAccount per {@link FeatureIdentity}, and bindings of each to its roles only. Applied
 * server-side by the harness's admin client, so every test class can do it again.
 */
final class ClusterRbac {
    static final String RBAC_RESOURCE = "io/statefulebs/blueprint/fabric8/rbac.yaml";
    private static final String FIELD_MANAGER = "statefulebs-it";

    private final KubernetesClient admin;
    private final Map<String, HasMetadata> roles;

    ClusterRbac(KubernetesClient admin) {
        this.admin = admin;
        this.roles = shippedRoles(admin.getKubernetesSerialization());
    }

    /** The Roles and ClusterRoles of rbac.yaml by "Kind/name" (its bindings are the user's to write). */
    static Map<String, HasMetadata> shippedRoles(KubernetesSerialization serialization) {
        try (InputStream yaml = ClusterRbac.class.getClassLoader().getResourceAsStream(RBAC_RESOURCE)) {
            List<HasMetadata> objects = serialization.unmarshal(yaml);
            Map<String, HasMetadata> found = new LinkedHashMap<>();
            objects.stream().filter(o -> o instanceof Role || o instanceof ClusterRole)
                    .forEach(o -> found.put(o.getKind() + "/" + o.getMetadata().getName(), o));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RBAC_RESOURCE, e);
        }
    }

    static List<PolicyRule> rules(HasMetadata role) {
        return role instanceof Role r ? r.getRules() : ((ClusterRole) role).getRules();
    }

    /** The cluster-wide part: the ServiceAccounts, the ClusterRoles, kube-system's Role, and their bindings. */
    void install() {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(FeatureIdentity.NAMESPACE).endMetadata()
                .build()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        for (FeatureIdentity identity : FeatureIdentity.values()) {
            admin.serviceAccounts().inNamespace(FeatureIdentity.NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata()
                    .withName(identity.serviceAccount()).endMetadata().build()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        }
        for (RoleRef ref : FeatureIdentity.Roles.ALL) {
            HasMetadata role = role(ref);
            if (ref.kind().equals("ClusterRole") || !ref.perNamespace()) {
                admin.resource(role).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            }
        }
        for (FeatureIdentity identity : FeatureIdentity.values()) {
            for (RoleRef ref : identity.roles()) {
                if (ref.perNamespace()) {
                    continue;
                }
                String name = bindingName(identity, ref);
                if (ref.kind().equals("ClusterRole")) {
                    admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                            .withRoleRef(roleRef(ref)).withSubjects(subject(identity)).build())
                            .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                } else {
                    String namespace = role(ref).getMetadata().getNamespace();
                    admin.resource(new RoleBindingBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                            .withRoleRef(roleRef(ref)).withSubjects(subject(identity)).build())
                            .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                }
            }
        }
    }

    /** The namespaced part in {@code namespace}: rbac.yaml's Roles there, and each identity's RoleBindings. */
    void grantIn(String namespace) {
        for (RoleRef ref : FeatureIdentity.Roles.ALL) {
            if (ref.perNamespace() && ref.kind().equals("Role")) {
                Role shipped = (Role) role(ref);
                admin.resource(new RoleBuilder(shipped).withMetadata(new ObjectMetaBuilder().withName(ref.name())
                        .withNamespace(namespace).build()).build()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            }
        }
        for (FeatureIdentity identity : FeatureIdentity.values()) {
            for (RoleRef ref : identity.roles()) {
                if (ref.perNamespace()) {
                    admin.resource(new RoleBindingBuilder().withNewMetadata().withName(bindingName(identity, ref))
                            .withNamespace(namespace).endMetadata().withRoleRef(roleRef(ref)).withSubjects(subject(identity)).build())
                            .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                }
            }
        }
        for (FeatureIdentity identity : FeatureIdentity.values()) {
            awaitGranted(identity, namespace);
        }
    }

    /** A short-lived token of the identity's ServiceAccount (never logged). */
    String token(FeatureIdentity identity) {
        return admin.serviceAccounts().inNamespace(FeatureIdentity.NAMESPACE).withName(identity.serviceAccount())
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
    }

    /** The RBAC authorizer reads bindings through its own cache: wait until it allows each role's first rule. */
    private void awaitGranted(FeatureIdentity identity, String namespace) {
        for (RoleRef ref : identity.roles()) {
            PolicyRule rule = rules(role(ref)).get(0);
            String ruleNamespace = ref.perNamespace() ? namespace
                    : ref.kind().equals("Role") ? role(ref).getMetadata().getNamespace() : namespace;
            SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(identity.userName())
                    .withGroups("system:serviceaccounts", "system:serviceaccounts:" + FeatureIdentity.NAMESPACE, "system:authenticated")
                    .withNewResourceAttributes().withVerb(rule.getVerbs().get(0)).withGroup(rule.getApiGroups().get(0))
                    .withResource(rule.getResources().get(0)).withNamespace(ruleNamespace)
                    .withName(rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? null : rule.getResourceNames().get(0))
                    .endResourceAttributes().endSpec().build();
            LocalCluster.awaitTrue(identity + " granted " + ref.key() + " in " + namespace, Duration.ofSeconds(30), () -> {
                SubjectAccessReview answer = admin.authorization().v1().subjectAccessReview().create(review);
                return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
            });
        }
    }

    HasMetadata role(RoleRef ref) {
        HasMetadata role = roles.get(ref.key());
        if (role == null) {
            throw new IllegalStateException(RBAC_RESOURCE + " has no " + ref.key());
        }
        return role;
    }

    private static String bindingName(FeatureIdentity identity, RoleRef ref) {
        return "statefulebs-it-" + identity.serviceAccount() + "-" + ref.kind().toLowerCase() + "-" + ref.name();
    }

    private static io.fabric8.kubernetes.api.model.rbac.RoleRef roleRef(RoleRef ref) {
        return new RoleRefBuilder().withApiGroup("rbac.authorization.k8s.io").withKind(ref.kind()).withName(ref.name()).build();
    }

    private static Subject subject(FeatureIdentity identity) {
        return new SubjectBuilder().withKind("ServiceAccount").withName(identity.serviceAccount())
                .withNamespace(FeatureIdentity.NAMESPACE).build();
    }
}
