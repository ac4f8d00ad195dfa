package io.statefulebs.blueprint;

import io.statefulebs.blueprint.error.InvalidSpecException;
import io.statefulebs.blueprint.progress.ProgressListener;
import io.statefulebs.blueprint.render.ManifestRenderer;
import io.statefulebs.blueprint.render.Manifests;
import io.statefulebs.blueprint.render.RenderInput;
import io.statefulebs.blueprint.render.OwnershipLabels;
import io.statefulebs.blueprint.spec.SpecProblems;
import io.statefulebs.blueprint.spec.StorageSpec;
import io.statefulebs.blueprint.spec.WorkloadKind;
import io.statefulebs.blueprint.spec.WorkloadSpec;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ZoneSource;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The blueprint "Working with Stateful Workloads using EBS" as an immutable, validated spec: a gp3 StorageClass
 * pinned to one zone, a 4Gi ReadWriteOnce claim and writer pods. Every default is the blueprint's own value.
 *
 * <pre>{@code
 * try (var run = StatefulEbsBlueprint.builder().zone("eu-west-2a").replicas(3).deploy()) {
 *     run.awaitReady();
 *     run.readFile();
 * }
 * }</pre>
 */
public final class StatefulEbsBlueprint {
    private static final SecureRandom RUN_IDS = new SecureRandom();

    private final String namespace;
    private final String zone;
    private final ZoneSelector zoneSelector;
    private final StorageSpec storage;
    private final WorkloadSpec workload;
    private final Map<String, String> labels;
    private final String runId;

    private StatefulEbsBlueprint(String namespace, String zone, ZoneSelector zoneSelector, StorageSpec storage,
                                 WorkloadSpec workload, Map<String, String> labels, String runId) {
        this.namespace = namespace;
        this.zone = zone;
        this.zoneSelector = zoneSelector;
        this.storage = storage;
        this.workload = workload;
        this.labels = Map.copyOf(labels);
        this.runId = runId;
    }

    /** {@return a builder with the blueprint's defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this spec's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the namespace the objects go in} */
    public String namespace() {
        return namespace;
    }

    /** {@return the zone, when given by name or already resolved; empty while only a selector is known} */
    public Optional<String> zone() {
        return Optional.ofNullable(zone);
    }

    /** {@return the selector that picks the zone at deploy time, when no zone was named} */
    public Optional<ZoneSelector> zoneSelector() {
        return Optional.ofNullable(zoneSelector);
    }

    /** {@return the StorageClass and claim part of the spec} */
    public StorageSpec storage() {
        return storage;
    }

    /** {@return the workload part of the spec} */
    public WorkloadSpec workload() {
        return workload;
    }

    /** {@return the extra labels put on every object, besides the ownership labels} */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * {@return the run id, identifying the objects this blueprint creates (the {@value OwnershipLabels#RUN_ID}
     * label)}
     */
    public String runId() {
        return runId;
    }

    /**
     * The same spec with the zone fixed to {@code zoneName} (validated).
     *
     * @param zoneName the availability zone
     * @return the spec with that zone
     */
    public StatefulEbsBlueprint withZone(String zoneName) {
        return toBuilder().zone(zoneName).build();
    }

    /**
     * The manifests in apply order (StorageClass, claim, workload), as plain data.
     *
     * @return the StorageClass, claim and workload manifests
     * @throws InvalidSpecException when the zone is still a selector; resolve it with {@link #withZone(String)}
     */
    public Manifests render() {
        if (zone == null) {
            throw new InvalidSpecException(new SpecProblems().add("zone", zoneSelector.description(),
                    "rendering needs a concrete zone: call zone(\"eu-west-2a\") or withZone(...) first").list());
        }
        return ManifestRenderer.render(new RenderInput(namespace, zone, storage, workload, labels, runId));
    }

    /**
     * Deploys on the backend found on the classpath (the embedded simulated cluster when none is).
     *
     * @return the run, to wait on, inspect and close
     */
    public BlueprintRun deploy() {
        return deploy(DeployOptions.defaults());
    }

    /**
     * Deploys on {@code backend}, which the run does not close.
     *
     * @param backend the backend to deploy on
     * @return the run, to wait on, inspect and close
     */
    public BlueprintRun deploy(ClusterBackend backend) {
        return deploy(DeployOptions.builder().backend(backend).build());
    }

    /**
     * Deploys with the given options (backend, zone source, listeners, adopt, preflight).
     *
     * @param options how to deploy
     * @return the run, to wait on, inspect and close
     */
    public BlueprintRun deploy(DeployOptions options) {
        return Deployer.deploy(this, options);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatefulEbsBlueprint b && namespace.equals(b.namespace) && Objects.equals(zone, b.zone)
                && Objects.equals(zoneSelector, b.zoneSelector) && storage.equals(b.storage)
                && workload.equals(b.workload) && labels.equals(b.labels) && runId.equals(b.runId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, zone, zoneSelector, storage, workload, labels, runId);
    }

    @Override
    public String toString() {
        return "StatefulEbsBlueprint[run=" + runId + ", namespace=" + namespace + ", zone="
                + (zone != null ? zone : zoneSelector.description()) + ", " + storage + ", " + workload
                + (labels.isEmpty() ? "" : ", labels=" + labels) + "]";
    }

    /**
     * Collects the spec and, for {@link #deploy()}, how to run it. {@link #build()} validates everything at once
     * and throws one {@link InvalidSpecException} listing every problem.
     */
    public static final class Builder {
        private String namespace = "default";
        private String zone;
        private ZoneSelector zoneSelector;
        private StorageSpec.Builder storage = StorageSpec.builder();
        private WorkloadSpec.Builder workload = WorkloadSpec.builder();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String runId;
        private final DeployOptions.Builder options = DeployOptions.builder();

        private Builder() {
        }

        private Builder(StatefulEbsBlueprint b) {
            namespace = b.namespace;
            zone = b.zone;
            zoneSelector = b.zoneSelector;
            storage = b.storage.toBuilder();
            workload = b.workload.toBuilder();
            labels.putAll(b.labels);
            runId = b.runId;
        }

        /**
         * Sets the namespace ({@code default} unless set).
         *
         * @param namespace a DNS label
         * @return this builder
         */
        public Builder namespace(String namespace) {
            Objects.requireNonNull(namespace, "namespace");
            this.namespace = namespace;
            return this;
        }

        /**
         * The availability zone by name, e.g. {@code eu-west-2a}.
         *
         * @param zoneName the zone name
         * @return this builder
         */
        public Builder zone(String zoneName) {
            Objects.requireNonNull(zoneName, "zoneName");
            this.zone = zoneName;
            this.zoneSelector = null;
            return this;
        }

        /**
         * A zone chosen at deploy time from the backend's or the given {@link ZoneSource}, e.g. {@link
         * Zones#firstAvailable()}.
         *
         * @param selector picks the zone at deploy time
         * @return this builder
         */
        public Builder zone(ZoneSelector selector) {
            this.zoneSelector = Objects.requireNonNull(selector, "selector");
            this.zone = null;
            return this;
        }

        /**
         * Replaces the storage part.
         *
         * @param spec the storage spec
         * @return this builder
         */
        public Builder storage(StorageSpec spec) {
            Objects.requireNonNull(spec, "spec");
            this.storage = spec.toBuilder();
            return this;
        }

        /**
         * Adjusts the storage part: {@code .storage(s -> s.volumeType(VolumeType.IO2).iops(4000))}.
         *
         * @param change applied to the storage builder
         * @return this builder
         */
        public Builder storage(Consumer<StorageSpec.Builder> change) {
            Objects.requireNonNull(change, "change");
            change.accept(storage);
            return this;
        }

        /**
         * Replaces the workload part.
         *
         * @param spec the workload spec
         * @return this builder
         */
        public Builder workload(WorkloadSpec spec) {
            Objects.requireNonNull(spec, "spec");
            this.workload = spec.toBuilder();
            return this;
        }

        /**
         * Adjusts the workload part: {@code .workload(w -> w.kind(WorkloadKind.STATEFULSET))}.
         *
         * @param change applied to the workload builder
         * @return this builder
         */
        public Builder workload(Consumer<WorkloadSpec.Builder> change) {
            Objects.requireNonNull(change, "change");
            change.accept(workload);
            return this;
        }

        /**
         * Shortcut for {@code workload(w -> w.replicas(n))}.
         *
         * @param replicas the number of pods
         * @return this builder
         */
        public Builder replicas(int replicas) {
            workload.replicas(replicas);
            return this;
        }

        /**
         * Adds labels to every object the blueprint creates.
         *
         * @param extra the labels to add
         * @return this builder
         */
        public Builder labels(Map<String, String> extra) {
            Objects.requireNonNull(extra, "extra");
            labels.putAll(extra);
            return this;
        }

        /**
         * Adds one label to every object the blueprint creates.
         *
         * @param key the label key
         * @param value the label value
         * @return this builder
         */
        public Builder label(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            labels.put(key, value);
            return this;
        }

        /**
         * Fixes the run id (to find the objects later); a random one is made otherwise.
         *
         * @param runId the run id
         * @return this builder
         */
        public Builder runId(String runId) {
            Objects.requireNonNull(runId, "runId");
            this.runId = runId;
            return this;
        }

        /**
         * Runs on this backend, skipping discovery; the run never closes it. Like {@link #zoneSource} and
         * {@link #listener}, this is a deploy option: it applies to this builder's {@link #deploy()}, not to the spec
         * that {@link #build()} returns (pass {@link DeployOptions} to {@link StatefulEbsBlueprint#deploy(DeployOptions)} there).
         *
         * @param backend the backend to use
         * @return this builder
         */
        public Builder backend(ClusterBackend backend) {
            Objects.requireNonNull(backend, "backend");
            options.backend(backend);
            return this;
        }

        /**
         * Picks a discovered backend by name ({@code simulated} is always there).
         *
         * @param name the backend's name
         * @return this builder
         */
        public Builder backend(String name) {
            Objects.requireNonNull(name, "name");
            options.backendName(name);
            return this;
        }

        /**
         * Where a zone selector looks for zones, instead of the backend's own.
         *
         * @param source the zone source
         * @return this builder
         */
        public Builder zoneSource(ZoneSource source) {
            Objects.requireNonNull(source, "source");
            options.zoneSource(source);
            return this;
        }

        /**
         * Receives the deploy's progress events; a deploy option, like {@link #backend(ClusterBackend)}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ProgressListener listener) {
            Objects.requireNonNull(listener, "listener");
            options.listener(listener);
            return this;
        }

        /**
         * See {@link DeployOptions.Builder#adopt(boolean)}: off by default.
         *
         * @param enabled whether to adopt existing objects
         * @return this builder
         */
        public Builder adopt(boolean enabled) {
            options.adopt(enabled);
            return this;
        }

        /**
         * See {@link DeployOptions.Builder#preflight(boolean)}.
         *
         * @param enabled whether to run the preflight checks
         * @return this builder
         */
        public Builder preflight(boolean enabled) {
            options.preflight(enabled);
            return this;
        }

        /**
         * Validates the whole spec at once.
         *
         * @return the spec
         * @throws InvalidSpecException listing every problem found
         */
        public StatefulEbsBlueprint build() {
            SpecProblems problems = new SpecProblems();
            problems.dnsLabel("namespace", namespace);
            if (zoneSelector == null) {
                problems.zone("zone", zone);
            }
            StorageSpec storageSpec = collect(problems, "storage.", storage::build);
            WorkloadSpec workloadSpec = collect(problems, "workload.", workload::build);
            problems.labels("labels", labels);
            labels.keySet().stream().filter(OwnershipLabels::reserved).forEach(k -> problems.add("labels", k,
                    "this key is set by the library (ownership or pod selector): choose another key"));
            String id = runId != null ? runId : newRunId();
            problems.check("runId", id, id.length() <= 40 && id.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
                    "use at most 40 lower-case letters, digits or '-', starting and ending with a letter or digit");
            if (storageSpec != null && workloadSpec != null && workloadSpec.kind() == WorkloadKind.STATEFULSET) {
                String longest = ManifestRenderer.statefulSetClaimName(storageSpec.claimName(), workloadSpec.name(),
                        WorkloadSpec.MAX_REPLICAS - 1);
                problems.check("storage.claimName", storageSpec.claimName(), longest.length() <= 253,
                        "StatefulSet claims are named <claim>-<workload>-<ordinal>, which must fit 253 characters: shorten one");
            }
            problems.throwIfAny();
            return new StatefulEbsBlueprint(namespace, zone, zoneSelector, storageSpec, workloadSpec, labels, id);
        }

        /**
         * Validates, then deploys with the backend, zone source and listeners given to this builder.
         *
         * @return the run, to wait on, inspect and close
         */
        public BlueprintRun deploy() {
            return build().deploy(options.build());
        }

        private static <T> T collect(SpecProblems problems, String prefix, java.util.function.Supplier<T> build) {
            try {
                return build.get();
            } catch (InvalidSpecException e) {
                e.problems().forEach(p -> problems.add(prefix + p.field(), p.value(), p.fix()));
                return null;
            }
        }

        private static String newRunId() {
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder id = new StringBuilder("run-");
            for (int i = 0; i < 8; i++) {
                id.append(alphabet.charAt(RUN_IDS.nextInt(alphabet.length())));
            }
            return id.toString();
        }
    }
}
