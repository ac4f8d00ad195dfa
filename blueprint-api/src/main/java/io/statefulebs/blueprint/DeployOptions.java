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

    /** {@return the options of a plain deploy: discovered backend, its zones, preflight on, no adoption} */
    public static DeployOptions defaults() {
        return builder().build();
    }

    /** {@return a builder of options} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the backend to use, when one was given} */
    public Optional<ClusterBackend> backend() {
        return Optional.ofNullable(backend);
    }

    /** {@return the name of the discovered backend to use, when one was given} */
    public Optional<String> backendName() {
        return Optional.ofNullable(backendName);
    }

    /** {@return where a zone selector looks for zones, when not the backend's own} */
    public Optional<ZoneSource> zoneSource() {
        return Optional.ofNullable(zoneSource);
    }

    /** {@return the progress listeners, in the order added} */
    public List<ProgressListener> listeners() {
        return listeners;
    }

    /** {@return whether the cluster is checked before anything is applied (on by default)} */
    public boolean preflight() {
        return preflight;
    }

    /** {@return whether existing objects with the run's names are taken over instead of refused (off by default)} */
    public boolean adopt() {
        return adopt;
    }

    @Override
    public String toString() {
        return "DeployOptions[backend=" + (backend != null ? backend.name() : backendName != null ? backendName : "discovered")
                + ", zoneSource=" + (zoneSource != null ? "given" : "backend's") + ", listeners=" + listeners.size()
                + (adopt ? ", adopt" : "") + "]";
    }

    /** Collects deploy options. */
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
         *
         * @param enabled {@code false} to skip the preflight
         * @return this builder
         */
        public Builder preflight(boolean enabled) {
            this.preflight = enabled;
            return this;
        }

        /**
         * Takes over objects that already exist under the run's names (another run's, or made by someone else): they are
         * applied with this run's labels and deleted at its cleanup. Off by default: such objects stop the deploy.
         *
         * @param enabled whether to adopt
         * @return this builder
         */
        public Builder adopt(boolean enabled) {
            this.adopt = enabled;
            return this;
        }

        /**
         * Use this backend; discovery is skipped and the run never closes it.
         *
         * @param backend the backend
         * @return this builder
         */
        public Builder backend(ClusterBackend backend) {
            Objects.requireNonNull(backend, "backend");
            this.backend = backend;
            return this;
        }

        /**
         * Pick a discovered backend by name; {@code simulated} is always available.
         *
         * @param name the backend's name
         * @return this builder
         */
        public Builder backendName(String name) {
            Objects.requireNonNull(name, "name");
            this.backendName = name;
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
            this.zoneSource = source;
            return this;
        }

        /**
         * Adds a listener that hears the run's progress.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ProgressListener listener) {
            Objects.requireNonNull(listener, "listener");
            listeners.add(listener);
            return this;
        }

        /** {@return the options} */
        public DeployOptions build() {
            return new DeployOptions(this);
        }
    }
}
