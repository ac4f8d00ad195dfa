package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The roles of the shipped {@code rbac.yaml}, so a refusal can name the role that grants what is missing instead of
 * the whole file.
 */
final class RbacManifest {
    private record NamedRule(String role, PolicyRule rule) {
    }

    private final List<NamedRule> rules;

    private RbacManifest(List<NamedRule> rules) {
        this.rules = rules;
    }

    private static volatile RbacManifest shipped;

    /** The roles of the rbac.yaml this jar ships, read once. */
    static RbacManifest shipped() {
        RbacManifest loaded = shipped;
        if (loaded == null) {
            loaded = load(new KubernetesSerialization());
            shipped = loaded;
        }
        return loaded;
    }

    static RbacManifest load(KubernetesSerialization serialization) {
        try (InputStream yaml = RbacManifest.class.getClassLoader().getResourceAsStream(ApiErrors.RBAC_RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException("the classpath resource " + ApiErrors.RBAC_RESOURCE + " is missing");
            }
            List<HasMetadata> objects = serialization.unmarshal(yaml);
            List<NamedRule> rules = new ArrayList<>();
            for (HasMetadata object : objects) {
                if (object instanceof Role role) {
                    role.getRules().forEach(r -> rules.add(new NamedRule("Role " + role.getMetadata().getName(), r)));
                } else if (object instanceof ClusterRole role) {
                    role.getRules().forEach(r -> rules.add(new NamedRule("ClusterRole " + role.getMetadata().getName(), r)));
                }
            }
            return new RbacManifest(List.copyOf(rules));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ApiErrors.RBAC_RESOURCE, e);
        }
    }

    /** The advice for {@link RequiredAccess}: its resource is {@code plural.group}, its verb may be "list,watch". */
    String grantAdvice(RequiredAccess access) {
        int dot = access.resource().indexOf('.');
        String plural = dot < 0 ? access.resource() : access.resource().substring(0, dot);
        String group = dot < 0 ? "" : access.resource().substring(dot + 1);
        return grantAdvice(access.verb(), plural, group);
    }

    /**
     * "granted by the ClusterRole X of the classpath resource ...", or the resource alone when no role has it; {@code verbs}
     * may list several, comma-separated (an informer's list and watch), which one role must grant together.
     */
    String grantAdvice(String verbs, String plural, String group) {
        List<String> wanted = List.of(verbs.split(","));
        List<String> roles = rules.stream()
                .filter(r -> r.rule().getVerbs().containsAll(wanted) && r.rule().getResources().contains(plural)
                        && r.rule().getApiGroups().contains(group == null ? "" : group)
                        && (r.rule().getResourceNames() == null || r.rule().getResourceNames().isEmpty()))
                .map(NamedRule::role).distinct().toList();
        return roles.isEmpty() ? "see the classpath resource " + ApiErrors.RBAC_RESOURCE
                : "granted by the " + String.join(" or the ", roles) + " of the classpath resource " + ApiErrors.RBAC_RESOURCE;
    }
}
