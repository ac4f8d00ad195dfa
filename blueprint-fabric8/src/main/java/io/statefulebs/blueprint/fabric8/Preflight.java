package io.statefulebs.blueprint.fabric8;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulebs.blueprint.error.BlueprintException;
import io.statefulebs.blueprint.spec.StorageSpec;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.PreflightRequest;
import io.statefulebs.blueprint.view.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Checks, before anything is applied, that the cluster can run the blueprint: a reachable Kubernetes API server, Karpenter
 * installed with a Ready NodePool for the workload's node selector, the StorageClass's CSI driver present and
 * running, the StorageClass name free or holding the same settings. One line per failed check, saying how to fix it.
 * <p>
 * The cluster-wide reads (all but the StorageClass's) are answered from what the backend read within the last minute
 * ({@link ShortLivedAnswers}); a check that finds anything wrong is made again with fresh reads, so a finding is never
 * a minute old and a fix shows at once.
 */
final class Preflight {
    static final String KARPENTER_GROUP = "karpenter.sh";
    static final String NODE_POOLS_CRD = "nodepools.karpenter.sh";
    static final String NODE_CLAIMS_CRD = "nodeclaims.karpenter.sh";
    static final String EBS_CSI_NODE_DAEMONSET = "ebs-csi-node";
    private static final List<String> STORAGE_CLASS_SETTINGS =
            List.of("provisioner", "parameters", "volumeBindingMode", "allowedTopologies");

    private final KubernetesClient client;
    private final ApiCalls calls;
    /** Null: read everything afresh. */
    private final ShortLivedAnswers answers;

    Preflight(KubernetesClient client, ApiCalls calls, ShortLivedAnswers answers) {
        this.client = client;
        this.calls = calls;
        this.answers = answers;
    }

    List<Finding> check(PreflightRequest request) {
        List<Finding> failures = checkOnce(request);
        return failures.isEmpty() || answers == null ? failures : new Preflight(client, calls, null).checkOnce(request);
    }

    private List<Finding> checkOnce(PreflightRequest request) {
        Optional<Finding> notAnApiServer = answers == null ? ApiServerCheck.check(client, calls)
                : answers.get("GET /version", () -> ApiServerCheck.check(client, calls), Optional::isEmpty);
        if (notAnApiServer.isPresent()) {
            return List.of(notAnApiServer.get());
        }
        List<Finding> failures = new ArrayList<>();
        Optional<CustomResourceDefinition> nodePools = crd(NODE_POOLS_CRD, failures);
        crd(NODE_CLAIMS_CRD, failures);
        nodePools.ifPresent(crd -> checkNodePool(crd, request.nodeSelector(), failures));
        checkCsiDriver(request.provisioner(), failures);
        request.manifest(ManagedKind.STORAGE_CLASS).ifPresent(wanted -> checkStorageClass(wanted, failures));
        return List.copyOf(failures);
    }

    private Optional<CustomResourceDefinition> crd(String name, List<Finding> failures) {
        Lookup<CustomResourceDefinition> crd = kept(failures, "read CustomResourceDefinition " + name,
                RequiredAccess.of("get", "customresourcedefinitions", "apiextensions.k8s.io", null),
                () -> client.apiextensions().v1().customResourceDefinitions().withName(name).get());
        if (crd.absent()) {
            failures.add(Finding.error("karpenter", "CustomResourceDefinition/" + name, "Karpenter's CustomResourceDefinition "
                    + name + " is missing", "install Karpenter (https://karpenter.sh/docs/getting-started/) in the cluster"));
        }
        return crd.value();
    }

    private void checkNodePool(CustomResourceDefinition crd, Map<String, String> nodeSelector, List<Finding> failures) {
        String version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getServed()))
                .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.getStorage()), Boolean.TRUE.equals(a.getStorage())))
                .map(CustomResourceDefinitionVersion::getName).findFirst().orElse("v1");
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(KARPENTER_GROUP)
                .withVersion(version).withKind("NodePool").withPlural("nodepools").withNamespaced(false).build();
        Optional<List<JsonNode>> pools = kept(failures, "list NodePools", ApiKinds.access("list", context, null),
                () -> client.genericKubernetesResources(context).list().getItems().stream()
                        .map(p -> JsonTrees.of(client, p)).toList()).value();
        if (pools.isEmpty()) {
            return;
        }
        List<JsonNode> matching = pools.get().stream().filter(p -> launches(p, nodeSelector)).toList();
        if (matching.isEmpty()) {
            Map<String, JsonNode> found = new LinkedHashMap<>();
            pools.get().forEach(p -> found.put(p.path("metadata").path("name").asText(),
                    p.path("spec").path("template").path("metadata").path("labels")));
            failures.add(Finding.error("node-pool", "", "no Karpenter NodePool launches nodes labelled " + nodeSelector
                    + " (the workload's nodeSelector; " + (found.isEmpty() ? "there are no NodePools"
                    : "NodePools and their template labels: " + found) + ")",
                    "apply a NodePool like the blueprint's default-nodepool.yaml, or change workload.nodeSelector"));
            return;
        }
        if (matching.stream().noneMatch(KarpenterNodePools::ready)) {
            JsonNode pool = matching.get(0);
            JsonNode condition = KarpenterNodePools.readyCondition(pool);
            String name = pool.path("metadata").path("name").asText();
            failures.add(Finding.error("node-pool", "NodePool/" + name, "NodePool " + name
                    + " matches the workload's nodeSelector but is not Ready" + (condition.isMissingNode() ? ""
                    : " (" + condition.path("reason").asText() + ": " + condition.path("message").asText() + ")"),
                    "check its EC2NodeClass and Karpenter's logs"));
        }
    }

    /** Nodes of the pool carry every selector label: from the template's labels or a single-valued In requirement. */
    private static boolean launches(JsonNode pool, Map<String, String> nodeSelector) {
        JsonNode template = pool.path("spec").path("template");
        JsonNode labels = template.path("metadata").path("labels");
        return nodeSelector.entrySet().stream().allMatch(e -> {
            if (e.getValue().equals(labels.path(e.getKey()).asText(null))
                    || (ViewMapper.NODE_POOL.equals(e.getKey()) && e.getValue().equals(pool.path("metadata").path("name").asText()))) {
                return true;
            }
            for (JsonNode requirement : template.path("spec").path("requirements")) {
                JsonNode values = requirement.path("values");
                if (e.getKey().equals(requirement.path("key").asText()) && "In".equals(requirement.path("operator").asText())
                        && values.size() == 1 && e.getValue().equals(values.get(0).asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    private void checkCsiDriver(String provisioner, List<Finding> failures) {
        Lookup<CSIDriver> driver = kept(failures, "read CSIDriver " + provisioner,
                RequiredAccess.of("get", "csidrivers", "storage.k8s.io", null),
                () -> client.storage().v1().csiDrivers().withName(provisioner).get());
        if (driver.absent()) {
            failures.add(Finding.error("csi-driver", "CSIDriver/" + provisioner, "CSIDriver " + provisioner
                    + " is missing, so the StorageClass cannot provision volumes", "install "
                    + (StorageSpec.EBS_CSI_PROVISIONER.equals(provisioner)
                    ? "the Amazon EBS CSI driver (EKS add-on aws-ebs-csi-driver)" : "the CSI driver " + provisioner)));
        }
        if (driver.value().isEmpty() || !StorageSpec.EBS_CSI_PROVISIONER.equals(provisioner)) {
            return;
        }
        Optional<DaemonSet> nodes = kept(failures, "read DaemonSet kube-system/" + EBS_CSI_NODE_DAEMONSET,
                RequiredAccess.of("get", "daemonsets", "apps", "kube-system"),
                () -> client.apps().daemonSets().inNamespace("kube-system").withName(EBS_CSI_NODE_DAEMONSET).get(),
                // Kept when absent too: an absent DaemonSet is no finding (it is read only to count its ready pods).
                lookup -> !lookup.failed()).value();
        nodes.filter(ds -> ds.getStatus() != null).ifPresent(ds -> {
            int desired = orZero(ds.getStatus().getDesiredNumberScheduled());
            int ready = orZero(ds.getStatus().getNumberReady());
            if (ready < desired) {
                failures.add(Finding.error("csi-driver", "DaemonSet/kube-system/" + EBS_CSI_NODE_DAEMONSET, "DaemonSet kube-system/"
                        + EBS_CSI_NODE_DAEMONSET + " has " + ready + " of " + desired + " pods ready, so volumes cannot attach on every node",
                        "check its pods with kubectl -n kube-system get pods -l app=" + EBS_CSI_NODE_DAEMONSET));
            }
        });
    }

    private void checkStorageClass(Manifest wantedClass, List<Finding> failures) {
        String name = wantedClass.ref().name();
        Optional<StorageClass> existing = read(failures, "read StorageClass " + name,
                RequiredAccess.of("get", "storageclasses", "storage.k8s.io", null),
                () -> client.storage().v1().storageClasses().withName(name).get()).value();
        if (existing.isEmpty()) {
            return;
        }
        JsonNode actual = JsonTrees.of(client, existing.get());
        JsonNode wanted = wantedClass.body();
        List<String> different = STORAGE_CLASS_SETTINGS.stream()
                .filter(field -> !wanted.path(field).equals(actual.path(field))).toList();
        if (!different.isEmpty()) {
            failures.add(Finding.error("storage-class", "StorageClass/" + name, "StorageClass " + name + " already exists with other "
                    + String.join(", ", different) + " (StorageClasses cannot be changed)",
                    "delete it, or choose another storage.storageClassName"));
        }
    }

    /** {@link #read}, or the same read's answer from the last minute when it found the object (see the class comment). */
    private <T> Lookup<T> kept(List<Finding> failures, String operation, RequiredAccess access, Supplier<T> request) {
        return kept(failures, operation, access, request, lookup -> lookup.value().isPresent());
    }

    /** {@link #read}, or the same read's answer from the last minute when {@code keep} accepted it. */
    private <T> Lookup<T> kept(List<Finding> failures, String operation, RequiredAccess access, Supplier<T> request,
                               Predicate<Lookup<T>> keep) {
        if (answers == null) {
            return read(failures, operation, access, request);
        }
        return answers.get("preflight: " + operation, () -> read(failures, operation, access, request), keep);
    }

    /**
     * Runs a read (with the backend's retries); a failure (RBAC, server error) becomes the check's failure line
     * instead of an exception.
     */
    private <T> Lookup<T> read(List<Finding> failures, String operation, RequiredAccess access, Supplier<T> request) {
        try {
            return new Lookup<>(Optional.ofNullable(calls.run(operation, access, request)), false);
        } catch (BlueprintException failure) {
            failures.add(Finding.error("access", "", "could not " + failure.getMessage(),
                    "grant the permission, or run the preflight as an identity that has it"));
            return new Lookup<>(Optional.empty(), true);
        }
    }

    /** What a read found; {@code failed} when the read itself failed (already reported), not the object missing. */
    private record Lookup<T>(Optional<T> value, boolean failed) {
        boolean absent() {
            return !failed && value.isEmpty();
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
