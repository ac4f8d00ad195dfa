package io.statefulebs.blueprint.sim;

import io.statefulebs.blueprint.spi.CloudVolumeSource;
import io.statefulebs.blueprint.view.EbsVolumeView;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterChanges;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.inventory.NodeClaimView;
import io.statefulebs.blueprint.inventory.PodDetails;
import io.statefulebs.blueprint.spi.ClusterChecks;
import io.statefulebs.blueprint.spi.ClusterInventory;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.NodeDisruption;
import io.statefulebs.blueprint.spi.NodeOccupancy;
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
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * {@link SimTimings#slowerProvisioning(Duration)}, {@link #failNext(ApiVerb, int)} for API errors, and the slow causes
 * of a graceful node replacement ({@link #slowDetach(Duration)}, {@link #failAttachWithVolumeInUse(int)},
 * {@link #blockEvictions(Duration)}). It offers every
 * optional capability: node repair, cluster checks, its zones, the doctor's inventory and (planted) available EBS
 * volumes; its calls never block, so it has no
 * {@link io.statefulebs.blueprint.spi.BoundedCalls}.
 */
public final class SimulatedCluster implements ClusterBackend, NodeRepair, NodeDisruption, ClusterChecks, ZoneSource,
        ClusterInventory, CloudVolumeSource {
    /** The backend's name, {@value}. */
    public static final String NAME = "simulated";

    private final Object lock = new Object();
    private final VirtualClock clock;
    private final ClusterModel model;
    private final ApiFaults faults = new ApiFaults();
    /** Moves on every change of the cluster (a write, or time passing); waits block on it. */
    private long version;
    private final ApiObjects objects;
    private final PlantedObjects planted = new PlantedObjects();

    /** A cluster in eu-west-2 (zones a, b, c) with the blueprint's default NodePool. */
    public SimulatedCluster() {
        this(builder());
    }

    private SimulatedCluster(Builder b) {
        this.clock = new VirtualClock(b.start);
        this.model = new ClusterModel(clock, b.timings, b.seed, b.region, b.zones, b.nodePool);
        this.objects = new ApiObjects(model, clock);
    }

    /** {@return a builder with the defaults: eu-west-2, the blueprint's NodePool, seed 42} */
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

    /** {@return the cluster's region} */
    public String region() {
        return model.region;
    }

    /** {@return the NodePool the cluster launches nodes from} */
    public NodePoolModel nodePool() {
        return model.karpenter.pool();
    }

    /** The zones where the simulated cluster has subnets, sorted by name. */
    @Override
    public List<AvailabilityZone> availableZones() {
        return SimChecks.zones(model);
    }

    /** {@return where the zones come from: the simulated region's subnets} */
    @Override
    public String description() {
        return "the simulated cluster's subnets in " + model.region;
    }

    @Override
    public List<Finding> preflight(PreflightRequest request) {
        return SimChecks.preflight(request);
    }

    @Override
    public List<NodePoolView> nodePools() {
        return List.of(SimChecks.nodePool(model));
    }

    @Override
    public Inventory inventory(InventoryScope scope) {
        Objects.requireNonNull(scope, "scope");
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "inventory");
            return SimInventory.read(model, planted, nodePools().get(0), scope);
        }
    }

    /**
     * What EC2 would list as the EBS CSI driver's available volumes: only those planted with
     * {@link SimPlanting#leftBehindVolume} (the simulated driver deletes the volumes it released).
     *
     * @return the planted available volumes, in planting order
     */
    @Override
    public List<EbsVolumeView> availableDriverVolumes() {
        synchronized (lock) {
            return List.copyOf(planted.availableVolumes);
        }
    }

    /**
     * Plants objects the simulator does not make itself (budgets, attach limits, retained volumes...) for the storage doctor.
     *
     * @return the planting hooks of this cluster
     */
    public SimPlanting plant() {
        return new SimPlanting(lock, planted, model);
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    @Override
    public void create(Manifest manifest) {
        ResourceRef ref = manifest.ref();
        synchronized (lock) {
            faults.check(ApiVerb.CREATE, ref);
            objects.create(manifest);
            changed();
        }
    }

    @Override
    public void apply(Manifest manifest) {
        synchronized (lock) {
            faults.check(ApiVerb.APPLY, manifest.ref());
            objects.write(manifest);
            changed();
        }
    }

    @Override
    public boolean delete(ResourceRef ref, String resourceVersion) {
        synchronized (lock) {
            faults.check(ApiVerb.DELETE, ref);
            objects.requireResourceVersion(ref, resourceVersion);
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
        boolean existed = objects.remove(ref);
        changed();
        return existed;
    }

    @Override
    public void scale(ResourceRef workload, int replicas) {
        synchronized (lock) {
            faults.check(ApiVerb.SCALE, workload);
            objects.scale(workload, replicas);
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
            return model.pods.in(namespace).stream().filter(p -> ApiObjects.matches(p.template.labels(), selector))
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
            return model.claims.values().stream().filter(c -> c.namespace.equals(namespace) && ApiObjects.matches(c.labels, selector))
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
            return objects.exists(ref);
        }
    }

    @Override
    public Optional<ObjectMetadata> metadata(ResourceRef ref) {
        synchronized (lock) {
            faults.check(ApiVerb.GET, ref);
            return objects.metadata(ref);
        }
    }

    @Override
    public List<ResourceRef> listLabelled(String namespace, Map<String, String> labels) {
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "labelled objects");
            return objects.labelled(namespace, labels);
        }
    }

    /**
     * Every object in the cluster, in any namespace, of the kinds a run leaves behind if it does not clean up:
     * StorageClasses, claims, volumes, workloads and pods (not nodes, which consolidation removes in its own time).
     *
     * @return the objects left
     */
    public List<ResourceRef> objects() {
        synchronized (lock) {
            return objects.all();
        }
    }

    /**
     * Every event the cluster recorded, in every namespace, one line each (for a failing test's report).
     *
     * @return the event lines
     */
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
                    // Quiet events (the writers' appends) change nothing the wait reads: run through them.
                    while (model.nextEventTime().filter(next -> !next.isAfter(until)).isPresent()) {
                        if (model.advanceToNextEvent()) {
                            version++;
                            return true;
                        }
                    }
                    clock.advanceTo(until);
                    return false;
                }
            }
        };
    }

    /** Runs the controllers after a write and tells waiting threads the cluster changed. Called holding the lock. */
    private void changed() {
        model.reconcile();
        version++;
    }

    /**
     * Lets {@code duration} of cluster time pass (the writers keep writing, consolidation keeps running).
     *
     * @param duration how much cluster time passes
     */
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
     *
     * @param node the node's name
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
     *
     * @param node the node's name
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
     *
     * @param times how many provisionings conflict
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

    /** Pods bound to the node (with planted annotations, and planted foreign pods), its NodeClaim, every budget. */
    @Override
    public NodeOccupancy occupancy(String node) {
        Objects.requireNonNull(node, "node");
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "NodeClaim/");
            List<PodDetails> pods = new ArrayList<>(model.pods.onNode(node).stream()
                    .map(p -> SimInventory.pod(p, planted)).toList());
            planted.foreignPods.stream().filter(p -> p.pod().node().equals(node)).forEach(pods::add);
            Optional<NodeClaimView> claim = SimInventory.nodeClaims(model, planted).stream().filter(c -> c.node().equals(node)).findFirst();
            return new NodeOccupancy(node, claim, pods, planted.disruptionBudgets);
        }
    }

    /** Karpenter drains the claim's node as {@code KarpenterModel#drain} describes; the node goes once it is done. */
    @Override
    public boolean deleteNodeClaim(String nodeClaim) {
        Objects.requireNonNull(nodeClaim, "nodeClaim");
        synchronized (lock) {
            faults.check(ApiVerb.DELETE, "NodeClaim/" + nodeClaim);
            Optional<SimNode> node = model.nodes.values().stream().filter(n -> n.nodeClaim.equals(nodeClaim)).findFirst();
            if (node.isEmpty()) {
                return false;
            }
            if (!node.get().draining) {
                model.karpenter.drain(node.get());
                changed();
            }
            return true;
        }
    }

    @Override
    public List<EventView> nodeEvents(String node, String nodeClaim) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(nodeClaim, "nodeClaim");
        synchronized (lock) {
            faults.check(ApiVerb.LIST, "Event/");
            return model.events.in("").stream().filter(e -> e.about("Node", node) || e.about("NodeClaim", nodeClaim))
                    .sorted(Comparator.comparing(EventView::lastTime)).toList();
        }
    }

    /**
     * From now on a volume takes {@code delay} to detach from a healthy node (a slow unmount, a slow EC2
     * DetachVolume): a replacement pod meets Multi-Attach errors and a draining node's termination waits on its
     * VolumeAttachments meanwhile. {@link Duration#ZERO} restores the instant detach.
     *
     * @param delay how long a graceful detach takes
     */
    public void slowDetach(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        synchronized (lock) {
            model.ebs.slowDetach(delay);
        }
    }

    /**
     * The next {@code times} attaches fail with EC2's {@code VolumeInUse} (EBS has not finished detaching the volume
     * from the old instance), each retried after the controller's backoff.
     *
     * @param times how many attaches fail
     */
    public void failAttachWithVolumeInUse(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be 0 or more, got " + times);
        }
        synchronized (lock) {
            model.ebs.failAttachWithVolumeInUse(times);
        }
    }

    /**
     * For {@code duration} of cluster time from now, Karpenter's evictions are refused as a PodDisruptionBudget refuses
     * them (429), so a drain waits (its {@code FailedDraining} events say so), as when a budget's one allowed disruption
     * is taken by another move.
     *
     * @param duration how long evictions are refused
     */
    public void blockEvictions(Duration duration) {
        if (Objects.requireNonNull(duration, "duration").isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got " + duration);
        }
        synchronized (lock) {
            model.karpenter.blockEvictionsUntil(model.now().plus(duration));
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
     * The next {@code times} calls of {@code verb} fail as the API server's 500 Internal Server Error would.
     *
     * @param verb the API verb
     * @param times how many calls fail
     */
    public void failNext(ApiVerb verb, int times) {
        failNext(verb, "", times);
    }

    /**
     * Like {@link #failNext(ApiVerb, int)}, only for calls whose target contains {@code target} (e.g. {@code Deployment/};
     * {@link ApiVerb} says what each verb's target looks like).
     *
     * @param verb the API verb
     * @param target text the call's target contains
     * @param times how many calls fail
     */
    public void failNext(ApiVerb verb, String target, int times) {
        synchronized (lock) {
            faults.failNext(verb, target, times);
        }
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

        /**
         * The region and its zones (the zones where the cluster has subnets).
         *
         * @param region the region, e.g. {@code eu-west-2}
         * @param zones its zones; none for the region's a, b and c
         * @return this builder
         */
        public Builder region(String region, String... zones) {
            this.region = Objects.requireNonNull(region, "region");
            this.zones = zones.length > 0 ? List.of(zones) : Stream.of("a", "b", "c").map(s -> region + s).toList();
            return this;
        }

        /**
         * The NodePool nodes are launched from ({@link NodePoolModel#blueprintDefault()} unless set).
         *
         * @param nodePool the NodePool
         * @return this builder
         */
        public Builder nodePool(NodePoolModel nodePool) {
            this.nodePool = Objects.requireNonNull(nodePool, "nodePool");
            return this;
        }

        /**
         * How long the simulated components take ({@link SimTimings#defaults()} unless set).
         *
         * @param timings the timings
         * @return this builder
         */
        public Builder timings(SimTimings timings) {
            this.timings = Objects.requireNonNull(timings, "timings");
            return this;
        }

        /**
         * Seeds names, zone picks and the writers' random numbers, so a run can be repeated exactly.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The cluster's starting time on its virtual clock (2026-01-01T00:00:00Z unless set).
         *
         * @param start the starting instant
         * @return this builder
         */
        public Builder startingAt(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** {@return a new simulated cluster} */
        public SimulatedCluster build() {
            return new SimulatedCluster(this);
        }
    }
}
