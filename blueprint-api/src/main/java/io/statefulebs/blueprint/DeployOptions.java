package io.statefulebs.blueprint;

import io.statefulebs.blueprint.progress.ProgressListener;
import io.statefulebs.blueprint.spi.ClusterBackend;
import io.statefulebs.blueprint.spi.ZoneSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to deploy a blueprint: on which backend (a given instance, a discovered one by name, or discovery), where a
 * zone selector finds zones, who hears progress. Immutable.
 */
public final class DeployOptions {
    private final ClusterBackend backend;
    private final String backendName;
    private final ZoneSource zoneSource;
    private final List<ProgressListener> listeners;
    private final boolean preflight;
    private final boolean adopt;

    private DeployOptions(Builder b) {
        preflight = b.preflight;
        adopt = b.adopt;
        backend = b.backend;
        backendName = b.backendName;
        zoneSource = b.zoneSource;
        listeners = List.copyOf(b.listeners);
    }

    public static DeployOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ClusterBackend> backend() {
        return Optional.ofNullable(backend);
    }

    public Optional<String> backendName() {
        return Optional.ofNullable(backendName);
    }

    public Optional<ZoneSource> zoneSource() {
        return Optional.ofNullable(zoneSource);
    }

    public List<ProgressListener> listeners() {
        return listeners;
    }

    /** Whether the cluster is checked before anything is applied (on by default). */
    public boolean preflight() {
        return preflight;
    }

    /** Whether existing objects with the run's names are taken over instead of refused (off by default). */
    public boolean adopt() {
        return adopt;
    }

    @Override
    public String toString() {
        return "DeployOptions[backend=" + (backend != null ? backend.name() : backendName != null ? backendName : "discovered")
                + ", zoneSource=" + (zoneSource != null ? "given" : "backend's") + ", listeners=" + listeners.size()
                + (adopt ? ", adopt" : "") + "]";
    }

    public static final class Builder {
        private ClusterBackend backend;
        private String backendName;
        private ZoneSource zoneSource;
        private final List<ProgressListener> listeners = new ArrayList<>();
        private boolean preflight = true;
        private boolean adopt;

        private Builder() {
        }

        /**
         * Turns the preflight off: the run then meets an impossible placement only at {@code awaitReady}, as the
         * walkthrough would (useful to rehearse that failure).
         */
        public Builder preflight(boolean enabled) {
            this.preflight = enabled;
            return this;
        }

        /**
         * Takes over objects that already exist under the run's names (another run's, or made by someone else): they are
         * applied with this run's labels and deleted at its cleanup. Off by default: such objects stop the deploy.
         */
        public Builder adopt(boolean enabled) {
            this.adopt = enabled;
            return this;
        }

        /** Use this backend; discovery is skipped and the run never closes it. */
        public Builder backend(ClusterBackend backend) {
            Objects.requireNonNull(backend, "backend");
            this.backend = backend;
            return this;
        }

        /** Pick a discovered backend by name; {@code simulated} is always available. */
        public Builder backendName(String name) {
            Objects.requireNonNull(name, "name");
            this.backendName = name;
            return this;
        }

        public Builder zoneSource(ZoneSource source) {
            Objects.requireNonNull(source, "source");
            this.zoneSource = source;
            return this;
        }

        public Builder listener(ProgressListener listener) {
            Objects.requireNonNull(listener, "listener");
            listeners.add(listener);
            return this;
        }

        public DeployOptions build() {
            return new DeployOptions(this);
        }
    }
}
