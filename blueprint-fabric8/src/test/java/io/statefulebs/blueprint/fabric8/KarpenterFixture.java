package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Karpenter's CRDs, NodePools and EC2NodeClasses and the EBS CSI driver, as a test creates them on the mock server. */
final class KarpenterFixture {
    private KarpenterFixture() {
    }

    /** The CRDs, the CSI driver and its node DaemonSet with {@code csiNodesReady} of 2 pods ready. */
    static void installKarpenterAndDriver(KubernetesClient client, int csiNodesReady) {
        for (String plural : List.of("nodepools", "nodeclaims")) {
            client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName(plural + ".karpenter.sh").endMetadata()
                    .withNewSpec().withGroup("karpenter.sh").withScope("Cluster")
                    .withNewNames().withPlural(plural).withKind(plural.equals("nodepools") ? "NodePool" : "NodeClaim").endNames()
                    .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                    .endSpec().build()).create();
        }
        client.storage().v1().csiDrivers().resource(new CSIDriverBuilder().withNewMetadata().withName("ebs.csi.aws.com")
                .endMetadata().withNewSpec().endSpec().build()).create();
        client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder().withNewMetadata()
                .withName("ebs-csi-node").withNamespace("kube-system").endMetadata()
                .withNewStatus().withDesiredNumberScheduled(2).withNumberReady(csiNodesReady).endStatus().build()).create();
    }

    /**
     * A NodePool whose nodes get {@code labels}, with {@code requirements} ({@code [key, operator, values...]}) and
     * a node class reference ({@code nodeClassRef} null: none).
     */
    static GenericKubernetesResource nodePool(String name, Map<String, String> labels, List<List<String>> requirements,
                                              Map<String, String> nodeClassRef, boolean ready) {
        Map<String, Object> templateSpec = new LinkedHashMap<>();
        templateSpec.put("requirements", requirements.stream().map(r -> Map.of("key", r.get(0), "operator", r.get(1),
                "values", r.subList(2, r.size()), "minValues", 1)).toList());
        if (nodeClassRef != null) {
            templateSpec.put("nodeClassRef", nodeClassRef);
        }
        return new GenericKubernetesResourceBuilder().withApiVersion("karpenter.sh/v1").withKind("NodePool")
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", Map.of("template", Map.of("metadata", Map.of("labels", labels),
                        "spec", templateSpec)))
                .addToAdditionalProperties("status", Map.of("conditions", List.of(Map.of("type", "Ready",
                        "status", ready ? "True" : "False", "reason", ready ? "Ready" : "NodeClassNotReady",
                        "message", ready ? "" : "no subnets")))).build();
    }

    static Map<String, String> ec2NodeClassRef(String name) {
        return Map.of("group", "karpenter.k8s.aws", "kind", "EC2NodeClass", "name", name);
    }

    /** An EC2NodeClass whose status lists one subnet per zone. */
    static GenericKubernetesResource ec2NodeClass(String name, List<String> subnetZones) {
        return new GenericKubernetesResourceBuilder().withApiVersion("karpenter.k8s.aws/v1").withKind("EC2NodeClass")
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", Map.of("role", "KarpenterNodeRole"))
                .addToAdditionalProperties("status", Map.of("subnets", subnetZones.stream()
                        .map(zone -> Map.of("id", "subnet-" + zone, "zone", zone, "zoneID", "euw2-az" + zone.length())).toList()))
                .build();
    }

    static void create(KubernetesClient client, GenericKubernetesResource object) {
        var context = object.getKind().equals("NodePool") ? KarpenterNodePools.NODE_POOLS : KarpenterNodePools.EC2_NODE_CLASSES;
        client.genericKubernetesResources(context).resource(object).create();
    }
}
