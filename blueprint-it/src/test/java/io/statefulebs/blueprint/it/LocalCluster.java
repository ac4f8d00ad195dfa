package io.statefulebs.blueprint.it;

import java.util.stream.Collectors;
import java.util.List;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.statefulebs.blueprint.fabric8.Fabric8Backend;
import io.statefulebs.blueprint.render.OwnershipLabels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The cluster tools/local-cluster/start.sh runs, named by the system property {@code statefulebs.it.kubeconfig}. What
 * kwok cannot play (the EBS CSI provisioner and attacher, the kubelet's volume manager and the writer container) runs
 * in start.sh's harness process, for every client of the cluster; this checks that it runs. The state directory is the
 * kubeconfig's directory, as start.sh lays it out. One per test class; {@link #close()} closes the client.
 */
final class LocalCluster implements AutoCloseable {
    static final String KUBECONFIG_PROPERTY = "statefulebs.it.kubeconfig";
    /** The file start.sh's harness process writes into the state directory once it plays its parts. */
    static final String HARNESS_READY = "harness.ready";
    static final Map<String, String> MANAGED = Map.of(OwnershipLabels.MANAGED_BY, OwnershipLabels.MANAGER);

    private final Path kubeconfig;
    private final Config admin;
    private final KubernetesClient client;
    private final ClusterRbac rbac;

    private LocalCluster(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        try {
            this.admin = Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfig, e);
        }
        this.client = new KubernetesClientBuilder().withConfig(admin).build();
        this.rbac = new ClusterRbac(client);
    }

    /**
     * Connects; fails (does not skip) when the property is missing or names no file, or when start.sh's harness
     * process does not run (its ready file {@value #HARNESS_READY} is missing from the state directory).
     */
    static LocalCluster start() {
        String property = System.getProperty(KUBECONFIG_PROPERTY);
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("set -D" + KUBECONFIG_PROPERTY + " to the kubeconfig tools/local-cluster/start.sh printed");
        }
        Path file = Path.of(property);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(KUBECONFIG_PROPERTY + "=" + property + " is not a file: is the local cluster running?");
        }
        Path harnessReady = file.toAbsolutePath().getParent().resolve(HARNESS_READY);
        if (!Files.isRegularFile(harnessReady)) {
            throw new IllegalStateException("no " + harnessReady + ": the harness process does not run (start the cluster with"
                    + " tools/local-cluster/start.sh; its log is logs/harness.log in the same directory)");
        }
        LocalCluster cluster = new LocalCluster(file);
        try {
            cluster.rbac.install();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    KubernetesClient client() {
        return client;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * Applies a NodePool {@code name} of the kwok provider that labels its nodes {@code intent: name} and launches them
     * only in {@code zones} (spot or on-demand), consolidating when empty.
     */
    void applyZonalNodePool(String name, List<String> zones) {
        applyZonalNodePool(name, zones, Map.of());
    }

    /** As {@link #applyZonalNodePool(String, List)}, its nodes also carrying {@code labels} (e.g. the harness's attach limit). */
    void applyZonalNodePool(String name, List<String> zones, Map<String, String> labels) {
        String pool = """
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata:
                  name: %1$s
                spec:
                  template:
                    metadata:
                      labels:
                        intent: %1$s%3$s
                      # as the default pool's: the attach-detach controller manages the nodes' volumes
                      annotations:
                        volumes.kubernetes.io/controller-managed-attach-detach: "true"
                    spec:
                      requirements:
                        - key: topology.kubernetes.io/zone
                          operator: In
                          values: [%2$s]
                        - key: karpenter.sh/capacity-type
                          operator: In
                          values: ["spot", "on-demand"]
                      nodeClassRef:
                        name: default
                        group: karpenter.kwok.sh
                        kind: KWOKNodeClass
                  disruption:
                    consolidationPolicy: WhenEmpty
                    consolidateAfter: 10s
                """.formatted(name, zones.stream().map(z -> "\"" + z + "\"").collect(Collectors.joining(", ")),
                new TreeMap<>(labels).entrySet().stream().map(l -> "\n        " + l.getKey() + ": \"" + l.getValue() + "\"")
                        .collect(Collectors.joining()));
        nodePools().resource(Serialization.unmarshal(pool, GenericKubernetesResource.class)).createOr(p -> p.update());
        // The library's preflight refuses a NodePool Karpenter has not yet reconciled (Ready not True).
        awaitTrue("NodePool " + name + " Ready", Duration.ofMinutes(1), () -> nodePoolReady(name));
    }

    private boolean nodePoolReady(String name) {
        GenericKubernetesResource pool = nodePools().withName(name).get();
        Object status = pool == null ? null : pool.getAdditionalProperties().get("status");
        Object conditions = status instanceof Map<?, ?> s ? s.get("conditions") : null;
        return conditions instanceof List<?> list && list.stream().anyMatch(c -> c instanceof Map<?, ?> m
                && "Ready".equals(m.get("type")) && "True".equals(m.get("status")));
    }

    /** Karpenter's NodePools, through the admin client (the tests' fixtures). */
    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> nodePools() {
        return client.genericKubernetesResources("karpenter.sh/v1", "NodePool");
    }

    /** A control-plane component's log, as kwokctl writes it under start.sh's state directory. */
    Path componentLog(String component) {
        return kubeconfig.toAbsolutePath().getParent().resolve("kwok/clusters/statefulebs/logs/" + component + ".log");
    }

    /** A fabric8 backend of its own as the walkthrough's identity, bound only to the walkthrough's roles. */
    Fabric8Backend newBackend() {
        return newBackend(FeatureIdentity.WALKTHROUGH);
    }

    /**
     * A fabric8 backend of its own as {@code identity}'s ServiceAccount: the API server and its CA from the kubeconfig,
     * the ServiceAccount's token instead of the kubeconfig's admin certificate (as an in-cluster or EKS user connects).
     */
    Fabric8Backend newBackend(FeatureIdentity identity) {
        return backendBuilder(identity).build();
    }

    /** A backend builder connecting as {@code identity}'s ServiceAccount, as {@link #newBackend(FeatureIdentity)} builds it. */
    Fabric8Backend.Builder backendBuilder(FeatureIdentity identity) {
        String token = rbac.token(identity);
        try {
            String ca = Files.readString(Path.of(admin.getCaCertFile()));
            return Fabric8Backend.builder().connection(URI.create(admin.getMasterUrl()), ca, () -> token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster's CA " + admin.getCaCertFile(), e);
        }
    }

    /**
     * The API server's audit log (start.sh's policy: the requests of {@link FeatureIdentity}'s ServiceAccounts), under the
     * state directory where kwokctl keeps its components' logs.
     */
    Path auditLog() {
        return auditLog(kubeconfig);
    }

    static Path auditLog(Path kubeconfig) {
        Path clusters = kubeconfig.toAbsolutePath().getParent().resolve("kwok").resolve("clusters");
        try (var found = Files.list(clusters)) {
            return found.map(c -> c.resolve("logs").resolve("audit.log")).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no audit.log under " + clusters + ": was the cluster started by"
                            + " this start.sh (--kube-audit-policy)?"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + clusters, e);
        }
    }

    void ensureNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
        awaitTrue("ServiceAccount " + name + "/default", Duration.ofMinutes(1),
                () -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
        rbac.grantIn(name);
    }

    /**
     * Deletes everything the blueprint library created in {@code namespace} (and its StorageClasses) and waits until
     * the pods, claims and their volumes are gone, so the next test starts from an empty cluster.
     */
    void deleteBlueprintObjects(String namespace, Duration timeout) {
        client.apps().deployments().inNamespace(namespace).withLabels(MANAGED).delete();
        client.apps().statefulSets().inNamespace(namespace).withLabels(MANAGED).delete();
        client.persistentVolumeClaims().inNamespace(namespace).withLabels(MANAGED).delete();
        awaitTrue("the blueprint's pods and claims in " + namespace + " deleted", timeout,
                () -> client.pods().inNamespace(namespace).withLabels(MANAGED).list().getItems().isEmpty()
                        && client.persistentVolumeClaims().inNamespace(namespace).withLabels(MANAGED).list().getItems().isEmpty());
        client.storage().v1().storageClasses().withLabels(MANAGED).delete();
        awaitTrue("the harness's volumes of " + namespace + " deleted", timeout, () -> client.persistentVolumes().list().getItems()
                .stream().noneMatch(pv -> pv.getSpec().getClaimRef() != null && namespace.equals(pv.getSpec().getClaimRef().getNamespace())));
    }

    /** A bounded poll, for the harness's own housekeeping only (the library under test waits on informers). */
    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
