package io.statefulebs.blueprint.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterChanges;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.spi.ClusterChecks;
import io.statefulebs.blueprint.spi.ClusterInventory;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.NodeRepair;
import io.statefulebs.blueprint.spi.PreflightRequest;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.spi.ZoneSource;
import io.statefulebs.blueprint.view.AvailabilityZone;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeRequirement;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@link SimTimings#slowerProvisioning(Duration)}, and {@link #failNext(ApiVerb, int)} for API errors. It offers every
 * optional capability: node repair, cluster checks and its zones; its calls never block, so it has no
 * {@link io.statefulebs.blueprint.spi.BoundedCalls}.
 */
public final class SimulatedCluster implements ClusterBackend, NodeRepair, ClusterChecks, ZoneSource, ClusterInventory {
    public static final String NAME = "simulated";

    private final Object lock = new Object();
    private final VirtualClock clock;
    private final ClusterModel model;
    private final ApiFaults faults = new ApiFaults();
    /** Moves on every change of the cluster (a write, or time passing); waits block on it. */
    private long version;
    /** Each written object's resourceVersion, by {@code Kind/namespace/name}; a write gives it a new one. */
    private final Map<String, Long> resourceVersions = new HashMap<>();
    private long lastResourceVersion;
    private final PlantedObjects planted = new PlantedObjects();

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

    /** The zones where the simulated cluster has subnets, sorted by name. */
    @Override
    public List<AvailabilityZone> availableZones() {
        return model.zones.stream().sorted().map(z -> new AvailabilityZone(z, zoneId(model.region, z), model.region)).toList();
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
    public List<Finding> preflight(PreflightRequest request) {
        String provisioner = request.provisioner();
        if (!provisioner.equals("ebs.csi.aws.com")) {
            return List.of(Finding.error("csi-driver", "CSIDriver/" + provisioner, "CSIDriver " + provisioner
                    + " is not installed (the simulated cluster runs ebs.csi.aws.com)", "use storage(s -> s.provisioner(\"ebs.csi.aws.com\"))"));
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

    @Override
    public Inventory inventory(InventoryScope scope) {
        Objects.requireNonNull(scope, "scope");
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "inventory");
            return SimInventory.read(model, planted, nodePools().get(0), scope);
        }
    }

    /** Plants objects the simulator does not make itself (budgets, attach limits, retained volumes...) for the storage doctor. */
    public SimPlanting plant() {
        return new SimPlanting(lock, planted, model);
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    @Override
    public void create(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        synchronized (lock) {
            faults.check(ApiVerb.CREATE, ref);
            if (existing(ref)) {
                throw new BackendException("create " + ref, BackendException.Kind.CONFLICT, 409, ref.kind() + " \""
                        + ref.name() + "\" already exists", null);
            }
            write(manifest);
        }
    }

    @Override
    public void apply(Manifest manifest) {
        synchronized (lock) {
            faults.check(ApiVerb.APPLY, manifest.ref());
            write(manifest);
        }
    }

    private void write(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        ObjectNode body = manifest.body();
        ManagedKind kind = ManagedKind.of(ref).orElse(ManagedKind.POD);
        switch (kind) {
            case STORAGE_CLASS -> applyStorageClass(ref, body);
            case PERSISTENT_VOLUME_CLAIM -> applyClaim(ref, body);
            case DEPLOYMENT, STATEFUL_SET -> applyWorkload(ref, body);
            case POD -> throw new BackendException("apply " + ref, BackendException.Kind.INVALID, 0,
                    "the simulated cluster does not model applying " + ref.kind() + "; it applies StorageClasses, claims and workloads",
                    null);
        }
        resourceVersions.put(ref.toString(), ++lastResourceVersion);
        changed();
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
            return;
        }
        if (!existing.storageClass.equals(incoming.storageClass) || !existing.accessModes.equals(incoming.accessModes)
                || !existing.size.equals(incoming.size)) {
            throw new BackendException("apply " + ref, "PersistentVolumeClaim \"" + ref.name()
                    + "\" is invalid: spec is immutable after creation except resources.requests for bound claims");
        }
        existing.labels = incoming.labels;
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
            existing.labels = incoming.labels;
            return;
        }
        if (existing != null) {
            // A changed pod template rolls the pods: recreate them from the new template.
            model.podsOf(existing).forEach(model::deletePod);
        }
        model.workloads.put(incoming.key(), incoming);
    }

    @Override
    public boolean delete(ResourceRef ref, String resourceVersion) {
        synchronized (lock) {
            faults.check(ApiVerb.DELETE, ref);
            Optional<ObjectMetadata> current = meta(ref);
            if (current.isPresent() && !current.get().resourceVersion().equals(resourceVersion)) {
                throw new BackendException("delete " + ref, BackendException.Kind.CONFLICT, 409, "Operation cannot be fulfilled on "
                        + ref.kind() + " \"" + ref.name() + "\": the resourceVersion in the precondition (" + resourceVersion
                        + ") does not match the object's (" + current.get().resourceVersion() + ")", null);
            }
            return remove(ref);
        }
    }

    @Override
    public boolean delete(ResourceRef ref) {
        synchronized (lock) {
            faults.check(ApiVerb.DELETE, ref);
            return remove(ref);
        }
    }

    private boolean remove(ResourceRef ref) {
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
        resourceVersions.remove(ref.toString());
        changed();
        return existed;
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
            // Only the claims the set made (they carry its claim template's labels), not namesakes someone else made.
            Map<String, String> madeBySet = PodTemplate.strings(workload.claimTemplate.path("metadata").path("labels"));
            model.claims.values().stream().filter(c -> c.namespace.equals(workload.namespace)
                            && c.name.startsWith(workload.template.claimName() + "-" + workload.name + "-")
                            && c.labels.entrySet().containsAll(madeBySet.entrySet()))
                    .toList().forEach(model.ebs::deleteClaim);
        }
        return true;
    }

    @Override
    public void scale(ResourceRef workload, int replicas) {
        synchronized (lock) {
            faults.check(ApiVerb.SCALE, workload);
            SimWorkload found = model.workloads.get(key(workload));
            if (found == null || !found.kind.equals(workload.kind())) {
                throw new NotFoundException("scale " + workload, workload.kind() + " " + workload.name() + " not found in namespace "
                        + workload.namespace());
            }
            found.replicas = replicas;
            resourceVersions.put(workload.toString(), ++lastResourceVersion);
            changed();
        }
    }

    @Override
    public ExecResult exec(String namespace, String pod, List<String> command) {
        synchronized (lock) {
            faults.check(ApiVerb.EXEC, namespace + "/" + pod);
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
            faults.check(ApiVerb.LIST, "nodes");
            return model.nodes.values().stream().filter(n -> n.registered).map(SimViews::node).toList();
        }
    }

    @Override
    public List<PodView> pods(String namespace, Map<String, String> selector) {
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "pods");
            return model.pods.values().stream().filter(p -> p.namespace.equals(namespace) && matches(p.template.labels(), selector))
                    .map(SimViews::pod).toList();
        }
    }

    @Override
    public Optional<ClaimView> claim(String namespace, String name) {
        synchronized (lock) {
            faults.check(ApiVerb.GET, "claim " + name);
            return Optional.ofNullable(model.claims.get(namespace + "/" + name)).map(c -> SimViews.claim(c, model));
        }
    }

    @Override
    public List<ClaimView> claims(String namespace, Map<String, String> selector) {
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "claims");
            return model.claims.values().stream().filter(c -> c.namespace.equals(namespace) && matches(c.labels, selector))
                    .map(c -> SimViews.claim(c, model)).toList();
        }
    }

    @Override
    public List<EventView> events(String namespace) {
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "events");
            return model.events.in(namespace);
        }
    }

    @Override
    public List<VolumeAttachmentView> volumeAttachments() {
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "volumeattachments");
            return SimViews.attachments(model);
        }
    }

    @Override
    public boolean exists(ResourceRef ref) {
        synchronized (lock) {
            faults.check(ApiVerb.GET, ref);
            return existing(ref);
        }
    }

    @Override
    public Optional<ObjectMetadata> metadata(ResourceRef ref) {
        synchronized (lock) {
            faults.check(ApiVerb.GET, ref);
            return meta(ref);
        }
    }

    /** The simulator records no field managers, and no labels on volumes. */
    private Optional<ObjectMetadata> meta(ResourceRef ref) {
        Optional<Map<String, String>> labels = switch (ref.kind()) {
            case "StorageClass" -> Optional.ofNullable(model.storageClasses.get(ref.name())).map(SimStorageClass::labels);
            case "PersistentVolumeClaim" -> Optional.ofNullable(model.claims.get(key(ref))).map(c -> c.labels);
            case "PersistentVolume" -> Optional.ofNullable(model.volumes.get(ref.name())).map(v -> Map.of());
            case "Deployment", "StatefulSet" -> Optional.ofNullable(model.workloads.get(key(ref)))
                    .filter(w -> w.kind.equals(ref.kind())).map(w -> w.labels);
            case "Pod" -> Optional.ofNullable(model.pods.get(key(ref))).map(p -> p.template.labels());
            case "Node" -> Optional.ofNullable(model.nodes.get(ref.name())).map(n -> n.labels);
            default -> Optional.empty();
        };
        return labels.map(l -> new ObjectMetadata(ref.kind(), ref.namespace(), ref.name(), l,
                String.valueOf(resourceVersions.getOrDefault(ref.toString(), 1L)), List.of()));
    }

    private boolean existing(ResourceRef ref) {
        return meta(ref).isPresent();
    }

    @Override
    public List<ResourceRef> listLabelled(String namespace, Map<String, String> labels) {
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "labelled objects");
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

    /**
     * Every object in the cluster, in any namespace, of the kinds a run leaves behind if it does not clean up:
     * StorageClasses, claims, volumes, workloads and pods (not nodes, which consolidation removes in its own time).
     */
    public List<ResourceRef> objects() {
        synchronized (lock) {
            List<ResourceRef> refs = new ArrayList<>();
            model.storageClasses.keySet().forEach(name -> refs.add(ResourceRef.storageClass(name)));
            model.claims.values().forEach(c -> refs.add(ResourceRef.claim(c.namespace, c.name)));
            model.volumes.keySet().forEach(name -> refs.add(ResourceRef.persistentVolume(name)));
            model.workloads.values().forEach(w -> refs.add(new ResourceRef("apps/v1", w.kind, w.namespace, w.name)));
            model.pods.values().forEach(p -> refs.add(ResourceRef.pod(p.namespace, p.name)));
            return refs;
        }
    }

    /** Every event the cluster recorded, in every namespace, one line each (for a failing test's report). */
    public List<String> eventLog() {
        synchronized (lock) {
            return model.events.all().stream().map(e -> e.lastTime() + " " + e.type() + " " + e.reason() + " " + e.objectKind()
                    + "/" + e.objectName() + (e.count() > 1 ? " (x" + e.count() + ")" : "") + ": " + e.message()).toList();
        }
    }

    // ---- time --------------------------------------------------------------------------------------------------

    /**
     * Waits read the cluster directly; a wait that is not done lets virtual time jump to the next cluster event (to
     * its deadline when none comes before), so no wait ever sleeps.
     */
    @Override
    public ClusterChanges changes(String purpose, Instant deadline) {
        return new ClusterChanges() {
            @Override
            public ClusterView view() {
                return SimulatedCluster.this;
            }

            @Override
            public Instant deadline() {
                return deadline;
            }

            @Override
            public long version() {
                synchronized (lock) {
                    return version;
                }
            }

            @Override
            public boolean awaitChange(long seen, Instant until) throws InterruptedException {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                synchronized (lock) {
                    if (version != seen) {
                        return true;
                    }
                    Optional<Instant> next = model.nextEventTime();
                    if (next.isEmpty() || next.get().isAfter(until)) {
                        clock.advanceTo(until);
                        return false;
                    }
                    model.advanceToNextEvent();
                    version++;
                    return true;
                }
            }
        };
    }

    /** Runs the controllers after a write and tells waiting threads the cluster changed. Called holding the lock. */
    private void changed() {
        model.reconcile();
        version++;
    }

    /** Lets {@code duration} of cluster time pass (the writers keep writing, consolidation keeps running). */
    public void advance(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("duration must not be negative (cluster time only moves forward), got " + duration);
        }
        synchronized (lock) {
            Instant until = clock.instant().plus(duration);
            while (model.nextEventTime().filter(t -> !t.isAfter(until)).isPresent()) {
                model.advanceToNextEvent();
            }
            clock.advanceTo(until);
            version++;
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
            changed();
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
            changed();
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
            faults.check(ApiVerb.PATCH, "Node/" + node);
            SimNode found = registeredNode("taint", node);
            if (!key.equals("node.kubernetes.io/out-of-service") || !effect.equals("NoExecute")) {
                throw new BackendException("taint node " + node, "the simulated cluster models only the"
                        + " node.kubernetes.io/out-of-service NoExecute taint, not " + key + ":" + effect);
            }
            model.outOfService(found);
            changed();
        }
    }

    @Override
    public boolean deleteVolumeAttachment(String name) {
        synchronized (lock) {
            faults.check(ApiVerb.DELETE, "VolumeAttachment/" + name);
            boolean existed = model.ebs.deleteAttachment(name);
            changed();
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

    /** The next {@code times} calls of {@code verb} fail as the API server's 500 Internal Server Error would. */
    public void failNext(ApiVerb verb, int times) {
        failNext(verb, "", times);
    }

    /**
     * Like {@link #failNext(ApiVerb, int)}, only for calls whose target contains {@code target} (e.g. {@code Deployment/};
     * {@link ApiVerb} says what each verb's target looks like).
     */
    public void failNext(ApiVerb verb, String target, int times) {
        synchronized (lock) {
            faults.failNext(verb, target, times);
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
