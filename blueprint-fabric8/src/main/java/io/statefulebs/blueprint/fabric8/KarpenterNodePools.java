package io.statefulebs.blueprint.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.inventory.NodePoolDetails;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads Karpenter's NodePools and their EC2NodeClasses as generic resources (no Karpenter model on the classpath)
 * into {@link NodePoolView}s for the engine's topology preflight. A cluster without the NodePool CRD has no pools
 * (the backend's preflight reports the missing CRD); a node class that is absent, not an EC2NodeClass or without
 * status contributes no subnet zones.
 */
final class KarpenterNodePools {
    static final ResourceDefinitionContext NODE_POOLS = clusterScoped("karpenter.sh", "v1", "NodePool", "nodepools");
    static final ResourceDefinitionContext NODE_CLAIMS = clusterScoped("karpenter.sh", "v1", "NodeClaim", "nodeclaims");
    static final ResourceDefinitionContext EC2_NODE_CLASSES =
            clusterScoped("karpenter.k8s.aws", "v1", "EC2NodeClass", "ec2nodeclasses");

    private final KubernetesClient client;
    private final ApiCalls calls;

    KarpenterNodePools(KubernetesClient client, ApiCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    List<NodePoolView> list() {
        return details().stream().map(NodePoolDetails::pool).toList();
    }

    /** The NodePools with their {@code spec.limits}, sorted by name. */
    List<NodePoolDetails> details() {
        List<JsonNode> pools = orEmpty(() -> calls.run("list NodePools", ApiKinds.access("list", NODE_POOLS, null),
                () -> client.genericKubernetesResources(NODE_POOLS).list().getItems().stream().map(this::tree).toList()));
        Map<String, List<String>> zonesByNodeClass = new HashMap<>();
        List<NodePoolDetails> details = new ArrayList<>();
        for (JsonNode pool : pools) {
            JsonNode template = pool.path("spec").path("template");
            JsonNode nodeClassRef = template.path("spec").path("nodeClassRef");
            List<String> zones = isEc2NodeClass(nodeClassRef)
                    ? zonesByNodeClass.computeIfAbsent(nodeClassRef.path("name").asText(), this::subnetZones) : List.of();
            Map<String, String> limits = new LinkedHashMap<>();
            pool.path("spec").path("limits").fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue().asText()));
            details.add(new NodePoolDetails(new NodePoolView(pool.path("metadata").path("name").asText(), labels(template),
                    requirements(template), ready(pool), zones), limits));
        }
        details.sort(Comparator.comparing(d -> d.pool().name()));
        return List.copyOf(details);
    }

    /** Karpenter's NodeClaims as generic trees; none when the CRD is absent. */
    List<JsonNode> nodeClaims() {
        return orEmpty(() -> calls.run("list NodeClaims", ApiKinds.access("list", NODE_CLAIMS, null),
                () -> client.genericKubernetesResources(NODE_CLAIMS).list().getItems().stream().map(this::tree).toList()));
    }

    /** The pool's {@code Ready} condition, or a missing node when it has none (yet). */
    static JsonNode readyCondition(JsonNode pool) {
        for (JsonNode condition : pool.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return MissingNode.getInstance();
    }

    static boolean ready(JsonNode pool) {
        return "True".equals(readyCondition(pool).path("status").asText());
    }

    private JsonNode tree(Object fabric8Object) {
        return JsonTrees.of(client, fabric8Object);
    }

    private static boolean isEc2NodeClass(JsonNode ref) {
        return EC2_NODE_CLASSES.getGroup().equals(ref.path("group").asText())
                && EC2_NODE_CLASSES.getKind().equals(ref.path("kind").asText()) && !ref.path("name").asText().isEmpty();
    }

    private List<String> subnetZones(String nodeClass) {
        List<JsonNode> found = orEmpty(() -> {
            GenericKubernetesResource object = calls.run("get EC2NodeClass " + nodeClass,
                    ApiKinds.access("get", EC2_NODE_CLASSES, null),
                    () -> client.genericKubernetesResources(EC2_NODE_CLASSES).withName(nodeClass).get());
            return object == null ? List.of() : List.of(tree(object));
        });
        List<String> zones = new ArrayList<>();
        for (JsonNode node : found) {
            node.path("status").path("subnets").forEach(subnet -> {
                String zone = subnet.path("zone").asText("");
                if (!zone.isEmpty() && !zones.contains(zone)) {
                    zones.add(zone);
                }
            });
        }
        return zones;
    }

    private static Map<String, String> labels(JsonNode template) {
        Map<String, String> labels = new LinkedHashMap<>();
        template.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** {@code key operator values}; Karpenter's {@code minValues} only says how flexible the pool is, so it is ignored. */
    private static List<NodeRequirement> requirements(JsonNode template) {
        List<NodeRequirement> requirements = new ArrayList<>();
        for (JsonNode requirement : template.path("spec").path("requirements")) {
            List<String> values = new ArrayList<>();
            requirement.path("values").forEach(v -> values.add(v.asText()));
            requirements.add(new NodeRequirement(requirement.path("key").asText(), requirement.path("operator").asText(), values));
        }
        return requirements;
    }

    /** A kind the server does not serve (its CRD is absent) reads as no objects. */
    private static List<JsonNode> orEmpty(Supplier<List<JsonNode>> read) {
        try {
            return read.get();
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    private static ResourceDefinitionContext clusterScoped(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(false).build();
    }
}
