package io.statefulebs.blueprint.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.statefulebs.blueprint.it.FeatureIdentity.RoleRef;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege, judged by the API server's audit log after every other IT ran (failsafe runs this class in an
 * execution of its own, after them): each request of a {@link FeatureIdentity} was allowed (no 403) and is covered by a
 * rule of a role that identity holds; each verb/resource pair rbac.yaml grants was used by an identity holding it, unless
 * {@link #NOT_EXERCISED} says why the kwok tier cannot use it. The audit log records requests, not authorizations: a
 * server-side apply that created its object is logged as patch (201) and was also authorized as create; a WebSocket exec
 * is logged as get and, since Kubernetes 1.30, also authorized as create ({@link #impliedVerbs}). Writes the table of
 * rule → requests seen to target/rbac-usage.md.
 */
class RbacMinimalityIT {
    private static final Logger LOG = LoggerFactory.getLogger(RbacMinimalityIT.class);
    private static final String PREFIX = "system:serviceaccount:" + FeatureIdentity.NAMESPACE + ":";
    /** Requests every authenticated identity may make through Kubernetes' default roles (system:basic-user). */
    private static final Set<String> KUBERNETES_DEFAULTS = Set.of("authorization.k8s.io selfsubjectaccessreviews create");
    private static final String EKS = "EKS only: the subnet zones of an EC2NodeClass; the kwok provider's NodePools reference"
            + " a KWOKNodeClass";
    /** Granted pairs the kwok tier cannot use, each with the reason; a pair listed here that is used fails the test too. */
    static final Map<String, String> NOT_EXERCISED = notExercised();

    private static Map<String, String> notExercised() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("ClusterRole/stateful-ebs-blueprint karpenter.k8s.aws ec2nodeclasses get", EKS);
        reasons.put("ClusterRole/stateful-ebs-blueprint-read-only karpenter.k8s.aws ec2nodeclasses get", EKS);
        return reasons;
    }

    @Test
    void everyGrantIsUsedAndEveryRequestIsGranted() throws IOException {
        Path kubeconfig = Path.of(System.getProperty(LocalCluster.KUBECONFIG_PROPERTY));
        Map<String, HasMetadata> roles = ClusterRbac.shippedRoles(new KubernetesSerialization());
        List<AuditLog.Request> requests = AuditLog.read(LocalCluster.auditLog(kubeconfig)).stream()
                .filter(r -> r.user().startsWith(PREFIX) && r.resourceRequest()).toList();
        assertThat(requests).as("requests of the tier's identities in the audit log").isNotEmpty();

        Map<String, List<AuditLog.Request>> used = new TreeMap<>();
        List<String> ungranted = new ArrayList<>();
        for (AuditLog.Request request : requests) {
            FeatureIdentity identity = identity(request.user());
            for (String verb : impliedVerbs(request)) {
                List<String> granting = new ArrayList<>();
                for (RoleRef ref : identity.roles()) {
                    HasMetadata role = roles.get(ref.key());
                    for (PolicyRule rule : ClusterRbac.rules(role)) {
                        if (covers(rule, request, verb) && inScope(ref, role, request)) {
                            granting.add(ref.key() + " " + request.group() + " " + request.resource() + " " + verb);
                        }
                    }
                }
                granting.forEach(g -> used.computeIfAbsent(g, k -> new ArrayList<>()).add(request));
                if (granting.isEmpty() && !KUBERNETES_DEFAULTS.contains(request.group() + " " + request.resource() + " " + verb)) {
                    ungranted.add(identity + ": " + verb + " " + request.uri() + " (" + request.code() + ")");
                }
            }
        }
        Set<String> granted = new TreeSet<>();
        roles.forEach((key, role) -> ClusterRbac.rules(role).forEach(rule -> rule.getApiGroups().forEach(g ->
                rule.getResources().forEach(r -> rule.getVerbs().forEach(v -> granted.add(key + " " + g + " " + r + " " + v))))));
        writeTable(granted, used);

        assertThat(requests).as("requests the API server refused (a rule is missing)").noneMatch(r -> r.code() == 403);
        assertThat(ungranted).as("requests no role of their identity grants").isEmpty();
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(used.keySet());
        unused.removeAll(NOT_EXERCISED.keySet());
        assertThat(unused).as("pairs rbac.yaml grants that no request used (remove them, or allowlist them with the reason)")
                .isEmpty();
        assertThat(NOT_EXERCISED.keySet()).as("allowlisted pairs: each is granted and none was used")
                .allMatch(granted::contains).noneMatch(used::containsKey);
    }

    /** The verbs a request was authorized as. */
    static List<String> impliedVerbs(AuditLog.Request request) {
        if (request.verb().equals("patch") && request.code() == 201) {
            return List.of("patch", "create"); // server-side apply that created the object
        }
        if (request.resource().equals("pods/exec") && request.verb().equals("get")) {
            return List.of("get", "create"); // WebSocket upgrade: AuthorizePodWebsocketUpgradeCreatePermission
        }
        return List.of(request.verb());
    }

    private static boolean covers(PolicyRule rule, AuditLog.Request request, String verb) {
        return rule.getApiGroups().contains(request.group()) && rule.getResources().contains(request.resource())
                && rule.getVerbs().contains(verb) && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                || rule.getResourceNames().contains(request.name()));
    }

    /** A Role binds in its own namespace (or, bound per test namespace, in any); a ClusterRole bound per namespace too. */
    private static boolean inScope(RoleRef ref, HasMetadata role, AuditLog.Request request) {
        if (ref.perNamespace()) {
            return !request.namespace().isEmpty();
        }
        return !ref.kind().equals("Role") || role.getMetadata().getNamespace().equals(request.namespace());
    }

    private static FeatureIdentity identity(String user) {
        return Arrays.stream(FeatureIdentity.values()).filter(i -> i.userName().equals(user)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the audit log names an unknown identity " + user));
    }

    private static void writeTable(Set<String> granted, Map<String, List<AuditLog.Request>> used) throws IOException {
        StringBuilder table = new StringBuilder("| role | rule (group resource verb) | identities | requests seen (count, example) |\n"
                + "| --- | --- | --- | --- |\n");
        for (String pair : granted) {
            String[] parts = pair.split(" ", 2);
            List<AuditLog.Request> seen = used.getOrDefault(pair, List.of());
            String identities = seen.stream().map(r -> identity(r.user()).serviceAccount()).distinct().sorted()
                    .collect(Collectors.joining(", "));
            String example = seen.stream().map(r -> r.verb() + " " + r.uri().replaceAll("\\?.*", "") + " (" + r.code() + ")")
                    .distinct().limit(2).collect(Collectors.joining("; "));
            table.append("| ").append(parts[0]).append(" | ").append(parts[1].trim()).append(" | ").append(identities).append(" | ")
                    .append(seen.isEmpty() ? "not exercised: " + NOT_EXERCISED.getOrDefault(pair, "UNUSED")
                            : seen.size() + ": " + example).append(" |\n");
        }
        Path out = Path.of("target", "rbac-usage.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        LOG.info("rule -> requests seen:\n{}", table);
    }
}
