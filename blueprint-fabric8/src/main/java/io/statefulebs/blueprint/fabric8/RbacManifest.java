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

    /** "grant it with the ClusterRole X of the classpath resource ...", or the resource alone when no role has it. */
    String grantAdvice(String verb, String plural, String group) {
        List<String> roles = rules.stream()
                .filter(r -> r.rule().getVerbs().contains(verb) && r.rule().getResources().contains(plural)
                        && r.rule().getApiGroups().contains(group == null ? "" : group)
                        && (r.rule().getResourceNames() == null || r.rule().getResourceNames().isEmpty()))
                .map(NamedRule::role).distinct().toList();
        return roles.isEmpty() ? "see the classpath resource " + ApiErrors.RBAC_RESOURCE
                : "granted by the " + String.join(" or the ", roles) + " of the classpath resource " + ApiErrors.RBAC_RESOURCE;
    }
}
