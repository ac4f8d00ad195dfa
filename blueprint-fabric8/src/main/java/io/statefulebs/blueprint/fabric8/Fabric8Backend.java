package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.spi.AccessDenial;
import io.statefulebs.blueprint.spi.AccessReview;
import io.statefulebs.blueprint.spi.BoundedCalls;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ClusterChanges;
import io.statefulebs.blueprint.inventory.Inventory;
import io.statefulebs.blueprint.inventory.InventoryScope;
import io.statefulebs.blueprint.spi.ClusterChecks;
import io.statefulebs.blueprint.spi.ClusterInventory;
import io.statefulebs.blueprint.spi.ManagedKind;
import io.statefulebs.blueprint.spi.NodeDisruption;
import io.statefulebs.blueprint.spi.NodeOccupancy;
import io.statefulebs.blueprint.spi.NodeRepair;
import io.statefulebs.blueprint.spi.PreflightRequest;
import io.statefulebs.blueprint.spi.ClusterView;
import io.statefulebs.blueprint.spi.ExecResult;
import io.statefulebs.blueprint.spi.Manifest;
import io.statefulebs.blueprint.spi.ResourceRef;
import io.statefulebs.blueprint.view.ClaimView;
import io.statefulebs.blueprint.view.EventView;
import io.statefulebs.blueprint.view.Finding;
import io.statefulebs.blueprint.view.NodePoolView;
import io.statefulebs.blueprint.view.NodeView;
import io.statefulebs.blueprint.view.ObjectMetadata;
import io.statefulebs.blueprint.view.PodView;
import io.statefulebs.blueprint.view.VolumeAttachmentView;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The blueprint's backend for real clusters, on fabric8 kubernetes-client with the JDK HTTP client.
 * Applies with server-side apply, waits on informers (never by polling), reads the cluster into typed views.
 * Thread-safe; {@link #close()} stops its informers and closes the client only if it built that client.
 * <p>
 * Threads: a backend that builds its client runs it on two fixed pools of named daemon threads, at most 10 however many
 * runs, waits and watches share it (6 {@code statefulebs-http-N} for the JDK HTTP client's work, exec output included,
 * 4 {@code statefulebs-tasks-N} for fabric8's informer callbacks), plus the JDK HTTP client's one
 * selector thread ({@code HttpClient-N-SelectorManager}) and fabric8's one JVM-wide scheduler thread (watch
 * reconnects, stopped when idle); closing the backend stops the pools and waits for their threads. Every wait, request, retry and exec blocks the caller's thread, never a pool's. A caller's
 * {@link Builder#client(KubernetesClient) client} runs on whatever executors the caller gave it.
 *
 * <pre>{@code
 * try (var backend = Fabric8Backend.builder().context("my-eks").build()) {
 *     StatefulEbsBlueprint.builder().zone("eu-west-2a").backend(backend).deploy();
 * }
 * }</pre>
 */
public final class Fabric8Backend implements ClusterBackend, NodeRepair, NodeDisruption, ClusterChecks, BoundedCalls,
        AccessReview, ClusterInventory {

    /**
     * How the names of the threads the backend starts begin ({@code statefulebs-http-1}, {@code statefulebs-tasks-1},
     * ...), so that an application can tell them from its own, e.g. when counting threads.
     */
    public static final String THREAD_NAME_PREFIX = "statefulebs-";
    /** How long {@link #watchedView()} waits for the first list of a cluster-wide informer it started. */
    private static final Duration GLANCE_SYNC = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final Settings settings;
    private final Clock clock = Clock.systemUTC();
    private final ApiCalls calls;
    private final ApiKinds kinds;
    private final ServerSideApplier applier;
    private final ObjectSource api;
    private final ClusterView direct;
    private final InformerCaches caches;
    private final InformerScope scope;
    /** Access decisions and cluster-wide preflight reads, reused for a minute across the runs of this backend. */
    private final ShortLivedAnswers answers;
    private final PodExec exec;
    private final NodeTaints taints;
    private final KarpenterNodePools nodePools;
    private final AccessReviews reviews;
    private final Fabric8Inventory inventory;
    private final NodeClaimDisruption disruption;
    /** False for a {@link #within(Instant)} view: closing it leaves the informers and the client to the backend. */
    private final boolean ownsCaches;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Fabric8Backend(KubernetesClient client, boolean ownsClient, Settings settings, InformerCaches caches,
                           InformerScope scope, ShortLivedAnswers answers, boolean ownsCaches, ApiCalls calls, ApiKinds kinds,
                           ServerSideApplier applier) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.settings = settings;
        this.caches = caches;
        this.ownsCaches = ownsCaches;
        this.calls = calls;
        this.kinds = kinds;
        this.applier = applier;
        this.answers = answers;
        this.api = new ApiObjectSource(client, kinds, calls);
        // A claim's zone from a volume the informers already hold: zones never change (see MappedClusterView).
        this.direct = new MappedClusterView(api, this::knownVolume);
        this.exec = new PodExec(client, calls, settings.execTimeout());
        this.taints = new NodeTaints(client, calls);
        this.nodePools = new KarpenterNodePools(client, calls);
        this.reviews = new AccessReviews(client, calls, kinds, RbacManifest.shipped(), answers);
        this.scope = scope != null ? scope : new InformerScope(reviews);
        this.inventory = new Fabric8Inventory(client, calls, nodePools, clock);
        this.disruption = new NodeClaimDisruption(client, calls, nodePools);
    }

    /** {@code client} must have fabric8's own retry off: {@link ApiCalls} is the backend's only retry layer. */
    private static Fabric8Backend connectedTo(KubernetesClient client, boolean ownsClient, Settings settings) {
        ApiCalls calls = new ApiCalls(settings.retry(), Clock.systemUTC());
        ApiKinds kinds = new ApiKinds(client, calls);
        return new Fabric8Backend(client, ownsClient, settings, new InformerCaches(Clock.systemUTC()), null,
                new ShortLivedAnswers(Clock.systemUTC()::instant), true, calls, kinds,
                new ServerSideApplier(client, kinds, calls, settings.forceConflicts()));
    }

    /** What the builder set, copied so that changing the builder later changes no backend. */
    private record Settings(RetryPolicy retry, boolean forceConflicts, Duration execTimeout) {
    }

    /**
     * A builder connecting as kubectl would (KUBECONFIG or ~/.kube/config, current context) unless told otherwise.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return Fabric8BackendProvider.NAME;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** A view sharing this backend's client and informers whose calls, retries, execs and waits end by {@code deadline}. */
    @Override
    public Fabric8Backend within(Instant deadline) {
        ApiCalls bounded = calls.until(Objects.requireNonNull(deadline, "deadline"));
        ApiKinds boundedKinds = kinds.withCalls(bounded);
        return new Fabric8Backend(client, ownsClient, settings, caches, scope, answers, false, bounded, boundedKinds,
                applier.withCalls(boundedKinds, bounded));
    }

    /**
     * Reads the cluster-wide prerequisites (the API server's version, Karpenter's CRDs and NodePools, the CSI driver and
     * its node DaemonSet) at most once a minute per backend while they pass; the StorageClass is read every time.
     */
    @Override
    public List<Finding> preflight(PreflightRequest request) {
        return new Preflight(client, calls, answers).check(request);
    }

    /**
     * Read at most once a minute per backend (the topology preflight and zone resolution ask, once per run) while every
     * pool is Ready; none, or one not Ready, is read again at the next call.
     */
    @Override
    public List<NodePoolView> nodePools() {
        return answers.get("NodePool views", nodePools::list, pools -> !pools.isEmpty() && pools.stream().allMatch(NodePoolView::ready));
    }

    /** A SelfSubjectAccessReview; a denial names the role of the shipped rbac.yaml that grants what is missing. */
    @Override
    public Optional<AccessDenial> review(String verb, ResourceRef target) {
        return reviews.review(Objects.requireNonNull(verb, "verb"), Objects.requireNonNull(target, "target"));
    }

    /** Lists only (see the README's doctor section for the exact verbs and resources); reads no cache. */
    @Override
    public Inventory inventory(InventoryScope scope) {
        return inventory.read(Objects.requireNonNull(scope, "scope"));
    }

    /** Lists NodeClaims, the node's pods (all namespaces) and their namespaces' PodDisruptionBudgets; reads no cache. */
    @Override
    public NodeOccupancy occupancy(String node) {
        return disruption.occupancy(Objects.requireNonNull(node, "node"));
    }

    @Override
    public boolean deleteNodeClaim(String nodeClaim) {
        return disruption.deleteNodeClaim(Objects.requireNonNull(nodeClaim, "nodeClaim"));
    }

    /** Lists the events of namespace {@code default}, where Kubernetes keeps those about nodes and NodeClaims. */
    @Override
    public List<EventView> nodeEvents(String node, String nodeClaim) {
        return disruption.nodeEvents(Objects.requireNonNull(node, "node"), Objects.requireNonNull(nodeClaim, "nodeClaim"));
    }

    @Override
    public void taintNode(String node, String key, String value, String effect) {
        taints.add(node, key, value, effect);
    }

    @Override
    public boolean deleteVolumeAttachment(String name) {
        List<StatusDetails> deleted = calls.run("delete VolumeAttachment " + name,
                RequiredAccess.of("delete", "volumeattachments", "storage.k8s.io", null),
                () -> client.storage().v1().volumeAttachments().withName(name).delete());
        return !deleted.isEmpty();
    }

    @Override
    public void create(Manifest manifest) {
        applier.create(manifest);
    }

    @Override
    public void apply(Manifest manifest) {
        applier.apply(manifest);
    }

    /** A delete with a resourceVersion precondition: the API server refuses it (409) once the object changed. */
    @Override
    public boolean delete(ResourceRef ref, String resourceVersion) {
        List<StatusDetails> deleted = calls.run("delete " + ref + " at resourceVersion " + resourceVersion,
                kinds.access("delete", ref), () -> kinds.named(ref).lockResourceVersion(resourceVersion).delete());
        return !deleted.isEmpty();
    }

    @Override
    public boolean delete(ResourceRef ref) {
        List<StatusDetails> deleted = calls.run("delete " + ref, kinds.access("delete", ref),
                () -> kinds.named(ref).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete());
        return !deleted.isEmpty();
    }

    @Override
    public List<ResourceRef> listLabelled(String namespace, Map<String, String> labels) {
        return direct.listLabelled(namespace, labels);
    }

    @Override
    public Map<ResourceRef, ObjectMetadata> listLabelledMetadata(String namespace, Map<String, String> labels) {
        return direct.listLabelledMetadata(namespace, labels);
    }

    @Override
    public void scale(ResourceRef workload, int replicas) {
        String operation = "scale " + workload + " to " + replicas;
        if (!ManagedKind.of(workload).map(ManagedKind::scalable).orElse(false)) {
            throw new BackendException(operation, BackendException.Kind.INVALID, 0, "only Deployments and StatefulSets can be scaled", null);
        }
        // A merge patch of spec.replicas under the library's field manager: the CRUD mock server and every
        // API server take it, unlike the scale subresource.
        PatchContext patch = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(ServerSideApplier.FIELD_MANAGER).build();
        calls.run(operation, kinds.access("patch", workload),
                () -> kinds.named(workload).patch(patch, "{\"spec\":{\"replicas\":" + replicas + "}}"));
    }

    @Override
    public ExecResult exec(String namespace, String pod, List<String> command) {
        return exec.exec(namespace, pod, command);
    }

    /** Waits read informer caches; a view's waits end by its deadline too. */
    @Override
    public ClusterChanges changes(String purpose, Instant deadline) {
        Instant bounded = calls.capped(deadline);
        return new InformerChanges(client, kinds, caches, scope, calls, clock, bounded, purpose);
    }

    /**
     * Reads the informers that run and watch (a run's waits started them, or another run's); starts a missing one only
     * when it is cluster-wide, shared by every run, and waits at most {@link #GLANCE_SYNC} for its first list; reads the
     * API server for the rest.
     */
    @Override
    public ClusterView watchedView() {
        Instant syncBy = calls.capped(clock.instant().plus(GLANCE_SYNC));
        return new MappedClusterView(new InformerObjectSource(client, kinds, caches, caches.glance(), scope, api, clock, syncBy,
                "a look at the watched cluster"), this::knownVolume);
    }

    private Optional<PersistentVolume> knownVolume(String name) {
        return caches.peek(InformerObjectSource.VOLUMES, name, PersistentVolume.class);
    }

    // Direct reads: straight from the API server, so a caller sees its own writes at once. Waits read caches.

    @Override
    public List<NodeView> nodes() {
        return direct.nodes();
    }

    @Override
    public List<PodView> pods(String namespace, Map<String, String> selector) {
        return direct.pods(namespace, selector);
    }

    @Override
    public Optional<ClaimView> claim(String namespace, String name) {
        return direct.claim(namespace, name);
    }

    @Override
    public List<ClaimView> claims(String namespace, Map<String, String> selector) {
        return direct.claims(namespace, selector);
    }

    @Override
    public List<EventView> events(String namespace) {
        return direct.events(namespace);
    }

    @Override
    public List<VolumeAttachmentView> volumeAttachments() {
        return direct.volumeAttachments();
    }

    @Override
    public boolean exists(ResourceRef ref) {
        return direct.exists(ref);
    }

    @Override
    public Optional<ObjectMetadata> metadata(ResourceRef ref) {
        return direct.metadata(ref);
    }

    @Override
    public void close() {
        if (ownsCaches && closed.compareAndSet(false, true)) {
            caches.close();
            if (ownsClient) {
                client.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Fabric8Backend[" + ClientFactory.displayUrl(client) + (ownsClient ? "" : ", caller's client") + "]";
    }

    /**
     * How to connect. With nothing set, the usual configuration applies: KUBECONFIG (or ~/.kube/config) and its
     * current context, or the in-cluster service account.
     */
    public static final class Builder {
        private KubernetesClient client;
        private String context;
        private List<Path> kubeconfigs = List.of();
        private URI server;
        private String caCertificatePem;
        private Supplier<String> token;
        private boolean forceConflicts;
        private Duration execTimeout = Duration.ofMinutes(2);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private final Map<String, Interceptor> interceptors = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Uses the caller's client, which the backend never closes.
         *
         * @param client the client to send every request through
         * @return this builder
         */
        public Builder client(KubernetesClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The kubeconfig context to use instead of the current one.
         *
         * @param contextName a context of the kubeconfig
         * @return this builder
         */
        public Builder context(String contextName) {
            this.context = Objects.requireNonNull(contextName, "contextName");
            return this;
        }

        /**
         * The kubeconfig file to read instead of KUBECONFIG or ~/.kube/config.
         *
         * @param file a kubeconfig file
         * @return this builder
         */
        public Builder kubeconfig(Path file) {
            return kubeconfigs(List.of(Objects.requireNonNull(file, "file")));
        }

        /**
         * Kubeconfig files merged as kubectl merges the files KUBECONFIG lists (the first to name a cluster, user or
         * context wins it, and the first current-context), read instead of KUBECONFIG or ~/.kube/config.
         *
         * @param files kubeconfig files, in precedence order; at least one
         * @return this builder
         * @throws IllegalArgumentException when {@code files} is empty
         */
        public Builder kubeconfigs(List<Path> files) {
            List<Path> copy = List.copyOf(Objects.requireNonNull(files, "files"));
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("kubeconfigs: no file given; pass at least one kubeconfig file, or"
                        + " leave it unset to use KUBECONFIG or ~/.kube/config");
            }
            this.kubeconfigs = copy;
            return this;
        }

        /**
         * Connects to {@code apiServer}, trusting {@code caCertificatePem}, authenticating with the bearer token
         * {@code token} supplies; it is called for every request, so it can hand out fresh short-lived tokens
         * (as EKS's are). Tokens are never logged or printed.
         *
         * @param apiServer        the API server's URL
         * @param caCertificatePem the PEM of the certificate authority that signed the API server's certificate
         * @param token            supplies the bearer token for each request
         * @return this builder
         */
        public Builder connection(URI apiServer, String caCertificatePem, Supplier<String> token) {
            this.server = Objects.requireNonNull(apiServer, "apiServer");
            this.caCertificatePem = Objects.requireNonNull(caCertificatePem, "caCertificatePem");
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * Whether server-side apply takes over fields another manager owns (default: report the conflict).
         *
         * @param force true to take the fields over
         * @return this builder
         */
        public Builder forceConflicts(boolean force) {
            this.forceConflicts = force;
            return this;
        }

        /**
         * How long an exec may take before it is given up (default 2 minutes).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder execTimeout(Duration timeout) {
            RetryPolicy.requirePositive("execTimeout", timeout);
            this.execTimeout = timeout;
            return this;
        }

        /**
         * How requests the API server answers with 429 Too Many Requests or a 5xx are retried: at most
         * {@code maxAttempts} requests (1: never retry), {@code initialBackoff} apart, doubling up to
         * {@code maxBackoff}, or longer when the server asks for it (default 5 attempts, 200ms, 5s).
         *
         * @param maxAttempts    the most requests one call sends
         * @param initialBackoff the wait before the first retry
         * @param maxBackoff     the longest wait between two requests, unless the server asks for longer
         * @return this builder
         */
        public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
            this.retry = new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, retry.callTimeout());
            return this;
        }

        /**
         * The most one backend call (apply, delete, scale, a read) may take with its retries (default 2 minutes);
         * reads during a wait stop at the wait's deadline instead. No retry starts past it.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.retry = new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), timeout);
            return this;
        }

        /**
         * Adds a fabric8 HTTP interceptor to the client the backend builds, e.g. to count, log or trace its requests:
         * it sees every request the backend sends (each retry, each watch, each exec's WebSocket upgrade), with its
         * credentials, so it must not print them. Not with {@link #client(KubernetesClient)}: add it to that client.
         *
         * @param name        the interceptor's name; a second interceptor of the same name replaces the first
         * @param interceptor the interceptor
         * @return this builder
         * @throws IllegalArgumentException when {@code name} is blank
         */
        public Builder interceptor(String name, Interceptor interceptor) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(interceptor, "interceptor");
            if (name.isBlank()) {
                throw new IllegalArgumentException("interceptor name: is blank; name the interceptor (a second one of the"
                        + " same name replaces it)");
            }
            interceptors.put(name, interceptor);
            return this;
        }

        private Settings settings() {
            return new Settings(retry, forceConflicts, execTimeout);
        }

        /**
         * Connects: with the client, the connection or the kubeconfig given (only one of them), else as kubectl would.
         *
         * @return the backend, to be closed by the caller
         */
        public Fabric8Backend build() {
            int sources = (client != null ? 1 : 0) + (server != null ? 1 : 0) + (context != null || !kubeconfigs.isEmpty() ? 1 : 0);
            if (sources > 1) {
                throw new IllegalStateException("choose one of client(...), connection(...) or context/kubeconfig");
            }
            if (client != null && !interceptors.isEmpty()) {
                throw new IllegalStateException("interceptor(...) applies to the client the backend builds, not to the one"
                        + " given to client(...): add the interceptor to that client instead");
            }
            if (client != null) {
                return connectedTo(ClientFactory.withoutBuiltInRetry(client), false, settings());
            }
            if (server != null) {
                ClientFactory.checkConnection(server, caCertificatePem);
            }
            Map<String, Interceptor> added = new LinkedHashMap<>(interceptors);
            KubernetesClient owned = server != null ? ClientFactory.explicit(server, caCertificatePem, token, added)
                    : ClientFactory.fromKubeconfig(context, kubeconfigs, added);
            return connectedTo(owned, true, settings());
        }
    }
}
