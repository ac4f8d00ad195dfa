package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.Verdict;
import io.statefulebs.blueprint.spi.Wait;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An embedded model of the blueprint's cluster (Karpenter with the blueprint's NodePool, the EBS CSI driver, the
 * scheduler, kubelets, the workload controllers), running in virtual time: a wait jumps from one cluster event to
 * the next, so the walkthrough's twenty-odd minutes take milliseconds. Each instance is an independent cluster;
 * all methods are thread-safe (calls are serialised).
 *
 * <p>Fault hooks for rehearsals: {@link #loseNode(String)} (ungraceful instance loss), slow provisioning via
 * {@link SimTimings#slowerProvisioning(Duration)}, and {@link #failNext(String, int)} for API errors.
 */
public final class SimulatedCluster implements ClusterBackend {
    public static final String NAME = "simulated";
    private static final List<String> KINDS = List.of("StorageClass", "PersistentVolumeClaim", "Deployment", "StatefulSet");

    private final Object lock = new Object();
    private final VirtualClock clock;
    private final ClusterModel model;
    private final ApiFaults faults = new ApiFaults();

    /** A cluster in eu-west-2 (zones a, b, c) with the blueprint's default NodePool. */
    public SimulatedCluster() {
        this(builder());
    }

    private SimulatedCluster(Builder b) {
        this.clock = new VirtualClock(b.start);
        this.model = new ClusterModel(clock, b.timings, b.seed, b.region, b.zones, b.nodePool);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public String region() {
        return model.region;
    }

    public NodePoolModel nodePool() {
        return model.karpenter.pool();
    }

    @Override
    public Optional<ZoneSource> zoneSource() {
        List<AvailabilityZone> zones = model.zones.stream().sorted()
                .map(z -> new AvailabilityZone(z, zoneId(model.region, z), model.region)).toList();
        return Optional.of(() -> zones);
    }

    /** {@code eu-west-2b} → {@code euw2-az2}, the shape of real AZ ids. */
    private static String zoneId(String region, String zone) {
        String[] parts = region.split("-");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            id.append(parts[i].charAt(0));
        }
        return id.append(parts[parts.length - 1]).append("-az").append(zone.charAt(zone.length() - 1) - 'a' + 1).toString();
    }

    @Override
    public List<String> preflight(StatefulEbsBlueprint blueprint) {
        String provisioner = blueprint.storage().provisioner();
        if (!provisioner.equals("ebs.csi.aws.com")) {
            return List.of("CSIDriver " + provisioner + " is not installed (the simulated cluster runs ebs.csi.aws.com):"
                    + " use storage(s -> s.provisioner(\"ebs.csi.aws.com\"))");
        }
        return List.of();
    }

    @Override
    public List<NodePoolView> nodePools() {
        NodePoolModel pool = model.karpenter.pool();
        List<NodeRequirement> requirements = pool.requirements().entrySet().stream()
                .map(e -> NodeRequirement.in(e.getKey(), e.getValue().stream().sorted().toList())).toList();
        return List.of(new NodePoolView(pool.name(), pool.templateLabels(), requirements, true, model.zones));
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    @Override
    public void apply(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        synchronized (lock) {
            faults.check("apply", ref);
            ObjectNode body = manifest.body();
            switch (ref.kind()) {
                case "StorageClass" -> applyStorageClass(ref, body);
                case "PersistentVolumeClaim" -> applyClaim(ref, body);
                case "Deployment", "StatefulSet" -> applyWorkload(ref, body);
                default -> throw new BackendException("apply " + ref, "the simulated cluster does not model " + ref.kind()
                        + "; it runs " + KINDS);
            }
            model.reconcile();
        }
    }

    private void applyStorageClass(ResourceRef ref, ObjectNode body) {
        SimStorageClass incoming = SimStorageClass.read(body);
        SimStorageClass existing = model.storageClasses.get(ref.name());
        if (existing != null && !existing.immutablePart().equals(incoming.immutablePart())) {
            throw new BackendException("apply " + ref, "StorageClass.storage.k8s.io \"" + ref.name()
                    + "\" is invalid: parameters, provisioner, volumeBindingMode and allowedTopologies cannot be changed;"
                    + " delete it first or use another storageClassName");
        }
        model.storageClasses.put(ref.name(), incoming);
    }

    private void applyClaim(ResourceRef ref, ObjectNode body) {
        String key = ref.namespace() + "/" + ref.name();
        JsonNode spec = body.path("spec");
        SimClaim incoming = new SimClaim(ref.namespace(), ref.name(),
                PodTemplate.strings(body.path("metadata").path("labels")),
                spec.path("storageClassName").asText(), spec.path("resources").path("requests").path("storage").asText(),
                EbsCsiModel.accessModes(spec), clock.instant());
        SimClaim existing = model.claims.get(key);
        if (existing == null) {
            model.claims.put(key, incoming);
            model.ebs.claimCreated(incoming);
        } else if (!existing.storageClass.equals(incoming.storageClass) || !existing.accessModes.equals(incoming.accessModes)
                || !existing.size.equals(incoming.size)) {
            throw new BackendException("apply " + ref, "PersistentVolumeClaim \"" + ref.name()
                    + "\" is invalid: spec is immutable after creation except resources.requests for bound claims");
        }
    }

    private void applyWorkload(ResourceRef ref, ObjectNode body) {
        SimWorkload incoming;
        try {
            incoming = new SimWorkload(body);
        } catch (IllegalArgumentException invalid) {
            throw new BackendException("apply " + ref, ref.kind() + ".apps \"" + ref.name() + "\" is invalid: " + invalid.getMessage());
        }
        SimWorkload existing = model.workloads.get(incoming.key());
        if (existing != null && existing.templateHash.equals(incoming.templateHash)) {
            existing.replicas = incoming.replicas;
            return;
        }
        if (existing != null) {
            // A changed pod template rolls the pods: recreate them from the new template.
            model.podsOf(existing).forEach(model::deletePod);
        }
        model.workloads.put(incoming.key(), incoming);
    }

    @Override
    public boolean delete(ResourceRef ref) {
        synchronized (lock) {
            faults.check("delete", ref);
            boolean existed = switch (ref.kind()) {
                case "StorageClass" -> model.storageClasses.remove(ref.name()) != null;
                case "PersistentVolumeClaim" -> deleteClaim(ref);
                case "Deployment", "StatefulSet" -> deleteWorkload(ref);
                case "Pod" -> Optional.ofNullable(model.pods.get(key(ref))).map(p -> {
                    model.deletePod(p);
                    return true;
                }).orElse(false);
                case "Node" -> Optional.ofNullable(model.nodes.remove(ref.name())).map(n -> {
                    List.copyOf(model.pods.values()).stream().filter(p -> p.node.equals(n.name)).forEach(model::deletePod);
                    return true;
                }).orElse(false);
                default -> false;
            };
            model.reconcile();
            return existed;
        }
    }

    private boolean deleteClaim(ResourceRef ref) {
        SimClaim claim = model.claims.get(key(ref));
        if (claim == null) {
            return false;
        }
        model.ebs.deleteClaim(claim);
        return true;
    }

    private boolean deleteWorkload(ResourceRef ref) {
        SimWorkload workload = model.workloads.get(key(ref));
        if (workload == null || !workload.kind.equals(ref.kind())) {
            return false;
        }
        model.workloads.remove(workload.key());
        model.podsOf(workload).forEach(model::deletePod);
        if (workload.statefulSet() && workload.deleteClaimsWithSet) {
            model.claims.values().stream().filter(c -> c.namespace.equals(workload.namespace)
                            && c.name.startsWith(workload.template.claimName() + "-" + workload.name + "-"))
                    .toList().forEach(model.ebs::deleteClaim);
        }
        return true;
    }

    @Override
    public void scale(ResourceRef workload, int replicas) {
        synchronized (lock) {
            faults.check("scale", workload);
            SimWorkload found = model.workloads.get(key(workload));
            if (found == null || !found.kind.equals(workload.kind())) {
                throw new NotFoundException("scale " + workload, workload.kind() + " " + workload.name() + " not found in namespace "
                        + workload.namespace());
            }
            found.replicas = replicas;
            model.reconcile();
        }
    }

    @Override
    public ExecResult exec(String namespace, String pod, List<String> command) {
        synchronized (lock) {
            faults.check("exec", namespace + "/" + pod);
            SimPod found = model.pods.get(namespace + "/" + pod);
            if (found == null) {
                throw new NotFoundException("exec in pod " + namespace + "/" + pod, "pods \"" + pod + "\" not found");
            }
            if (!found.running() || !found.ready) {
                throw new BackendException("exec in pod " + namespace + "/" + pod, "container not running (pod is "
                        + found.phase + (found.reason.isEmpty() ? "" : ", " + found.reason) + ")");
            }
            if (command.size() != 2 || !command.get(0).equals("cat")) {
                return new ExecResult("", "sh: " + command.get(0) + ": the simulated kubelet only runs 'cat FILE'\n", 127);
            }
            return model.ebs.read(found, command.get(1))
                    .map(text -> new ExecResult(text, "", 0))
                    .orElseGet(() -> new ExecResult("", "cat: " + command.get(1) + ": No such file or directory\n", 1));
        }
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    @Override
    public List<NodeView> nodes() {
        synchronized (lock) {
            faults.check("list", "nodes");
            return model.nodes.values().stream().filter(n -> n.registered).map(SimViews::node).toList();
        }
    }

    @Override
    public List<PodView> pods(String namespace, Map<String, String> selector) {
        synchronized (lock) {
            faults.check("list", "pods");
            return model.pods.values().stream().filter(p -> p.namespace.equals(namespace) && matches(p.template.labels(), selector))
                    .map(SimViews::pod).toList();
        }
    }

    @Override
    public Optional<ClaimView> claim(String namespace, String name) {
        synchronized (lock) {
            faults.check("get", "claim " + name);
            return Optional.ofNullable(model.claims.get(namespace + "/" + name)).map(c -> SimViews.claim(c, model));
        }
    }

    @Override
    public List<ClaimView> claims(String namespace, Map<String, String> selector) {
        synchronized (lock) {
            faults.check("list", "claims");
            return model.claims.values().stream().filter(c -> c.namespace.equals(namespace) && matches(c.labels, selector))
                    .map(c -> SimViews.claim(c, model)).toList();
        }
    }

    @Override
    public List<EventView> events(String namespace) {
        synchronized (lock) {
            faults.check("list", "events");
            return model.events.in(namespace);
        }
    }

    @Override
    public List<VolumeAttachmentView> volumeAttachments() {
        synchronized (lock) {
            faults.check("list", "volumeattachments");
            return SimViews.attachments(model);
        }
    }

    @Override
    public boolean exists(ResourceRef ref) {
        synchronized (lock) {
            faults.check("get", ref);
            return switch (ref.kind()) {
                case "StorageClass" -> model.storageClasses.containsKey(ref.name());
                case "PersistentVolumeClaim" -> model.claims.containsKey(key(ref));
                case "PersistentVolume" -> model.volumes.containsKey(ref.name());
                case "Deployment", "StatefulSet" -> Optional.ofNullable(model.workloads.get(key(ref)))
                        .filter(w -> w.kind.equals(ref.kind())).isPresent();
                case "Pod" -> model.pods.containsKey(key(ref));
                case "Node" -> model.nodes.containsKey(ref.name());
                default -> false;
            };
        }
    }

    @Override
    public List<ResourceRef> listLabelled(String namespace, Map<String, String> labels) {
        synchronized (lock) {
            faults.check("list", "labelled objects");
            List<ResourceRef> refs = new ArrayList<>();
            model.storageClasses.values().stream().filter(sc -> matches(sc.labels(), labels))
                    .forEach(sc -> refs.add(ResourceRef.storageClass(sc.name())));
            model.claims.values().stream().filter(c -> c.namespace.equals(namespace) && matches(c.labels, labels))
                    .forEach(c -> refs.add(ResourceRef.claim(namespace, c.name)));
            model.workloads.values().stream().filter(w -> w.namespace.equals(namespace) && matches(w.labels, labels))
                    .forEach(w -> refs.add(new ResourceRef("apps/v1", w.kind, namespace, w.name)));
            model.pods.values().stream().filter(p -> p.namespace.equals(namespace) && matches(p.template.labels(), labels))
                    .forEach(p -> refs.add(ResourceRef.pod(namespace, p.name)));
            return refs;
        }
    }

    // ---- time --------------------------------------------------------------------------------------------------

    @Override
    public <T> T await(Wait<T> wait) {
        synchronized (lock) {
            Instant deadline = clock.instant().plus(wait.timeout());
            String lastReason = "";
            while (true) {
                Verdict<T> verdict = wait.evaluate(this);
                if (verdict instanceof Verdict.Satisfied<T> satisfied) {
                    return satisfied.value();
                }
                lastReason = ((Verdict.Pending<T>) verdict).reason();
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new BlueprintInterruptedException(wait.description(), new InterruptedException());
                }
                Optional<Instant> next = model.nextEventTime();
                if (next.isEmpty() || next.get().isAfter(deadline)) {
                    clock.advanceTo(deadline);
                    throw wait.timedOut(this, lastReason);
                }
                model.advanceToNextEvent();
            }
        }
    }

    /** Lets {@code duration} of cluster time pass (the writers keep writing, consolidation keeps running). */
    public void advance(Duration duration) {
        synchronized (lock) {
            Instant until = clock.instant().plus(duration);
            while (model.nextEventTime().filter(t -> !t.isAfter(until)).isPresent()) {
                model.advanceToNextEvent();
            }
            clock.advanceTo(until);
        }
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    /**
     * The instance behind {@code node} vanishes without draining: the node goes NotReady, Karpenter deletes it
     * once it notices, its pods are recreated elsewhere, and its volumes stay attached until Kubernetes
     * force-detaches them ({@link SimTimings#forceDetach()}), so new pods meet Multi-Attach errors meanwhile.
     */
    public void loseNode(String node) {
        synchronized (lock) {
            model.karpenter.loseInstance(registeredNode("lose", node));
            model.reconcile();
        }
    }

    /**
     * The kubelet on {@code node} stops while the instance keeps running: the node goes NotReady, its pods are
     * evicted after 5 minutes but stay Terminating and keep their volumes attached, so replacements meet
     * Multi-Attach errors until the node is tainted {@code node.kubernetes.io/out-of-service}.
     */
    public void stopKubelet(String node) {
        synchronized (lock) {
            model.stopKubelet(registeredNode("stop kubelet on", node));
            model.reconcile();
        }
    }

    /**
     * The next {@code times} volume provisionings lose a race on saving the claim: the persistent-volume controller
     * reports a Warning {@code ProvisioningFailed} ("Error saving claim: Operation cannot be fulfilled ... the object
     * has been modified") and provisions on its next try, as on real clusters when it and the external provisioner
     * update a claim at once.
     */
    public void conflictOnClaimSaves(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be 0 or more, got " + times);
        }
        synchronized (lock) {
            model.ebs.conflictOnClaimSaves(times);
        }
    }

    @Override
    public void taintNode(String node, String key, String value, String effect) {
        synchronized (lock) {
            faults.check("patch", "Node/" + node);
            SimNode found = registeredNode("taint", node);
            if (!key.equals("node.kubernetes.io/out-of-service") || !effect.equals("NoExecute")) {
                throw new BackendException("taint node " + node, "the simulated cluster models only the"
                        + " node.kubernetes.io/out-of-service NoExecute taint, not " + key + ":" + effect);
            }
            model.outOfService(found);
            model.reconcile();
        }
    }

    @Override
    public boolean deleteVolumeAttachment(String name) {
        synchronized (lock) {
            faults.check("delete", "VolumeAttachment/" + name);
            boolean existed = model.ebs.deleteAttachment(name);
            model.reconcile();
            return existed;
        }
    }

    private SimNode registeredNode(String action, String node) {
        SimNode found = model.nodes.get(node);
        if (found == null || !found.registered) {
            throw new NotFoundException(action + " node " + node, "no such node in the simulated cluster");
        }
        return found;
    }

    /**
     * The next {@code times} calls of {@code verb} fail as an API server error would. Verbs: {@code apply},
     * {@code delete}, {@code scale}, {@code exec}, {@code get}, {@code list}.
     */
    public void failNext(String verb, int times) {
        failNext(verb, "", times);
    }

    /** Like {@link #failNext(String, int)}, only for calls whose target contains {@code target} (e.g. {@code Deployment/}). */
    public void failNext(String verb, String target, int times) {
        synchronized (lock) {
            faults.failNext(Objects.requireNonNull(verb, "verb"), Objects.requireNonNull(target, "target"), times);
        }
    }

    private static String key(ResourceRef ref) {
        return ref.namespace() + "/" + ref.name();
    }

    private static boolean matches(Map<String, String> labels, Map<String, String> selector) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "SimulatedCluster[" + model.region + " " + model.zones + ", at " + clock.instant() + ", "
                    + model.nodes.size() + " node(s), " + model.pods.size() + " pod(s)]";
        }
    }

    /** Configures a simulated cluster; every setting has the blueprint's default. */
    public static final class Builder {
        private String region = "eu-west-2";
        private List<String> zones = List.of("eu-west-2a", "eu-west-2b", "eu-west-2c");
        private NodePoolModel nodePool = NodePoolModel.blueprintDefault();
        private SimTimings timings = SimTimings.defaults();
        private long seed = 42;
        private Instant start = Instant.parse("2026-01-01T00:00:00Z");

        private Builder() {
        }

        /** The region and its zones (the zones where the cluster has subnets). */
        public Builder region(String region, String... zones) {
            this.region = Objects.requireNonNull(region, "region");
            this.zones = zones.length > 0 ? List.of(zones) : Stream.of("a", "b", "c").map(s -> region + s).toList();
            return this;
        }

        public Builder nodePool(NodePoolModel nodePool) {
            this.nodePool = Objects.requireNonNull(nodePool, "nodePool");
            return this;
        }

        public Builder timings(SimTimings timings) {
            this.timings = Objects.requireNonNull(timings, "timings");
            return this;
        }

        /** Seeds names, zone picks and the writers' random numbers, so a run can be repeated exactly. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder startingAt(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        public SimulatedCluster build() {
            return new SimulatedCluster(this);
        }
    }
}
