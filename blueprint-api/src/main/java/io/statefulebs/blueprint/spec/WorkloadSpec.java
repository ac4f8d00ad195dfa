package io.statefulebs.blueprint.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.Pattern;

/**
 * The writer pods of the blueprint. Defaults are the blueprint's {@code workload.yaml}: Deployment
 * {@code stateful}, 3 replicas of the centos image appending a line to {@code /data/out.txt} every 180 s,
 * 1 CPU each, node selector {@code intent: apps}, termination grace period 0.
 */
public final class WorkloadSpec {
    /** The blueprint's container image. */
    public static final String DEFAULT_IMAGE = "public.ecr.aws/docker/library/centos:centos7.9.2009";
    /** The blueprint's text at the start of each written line. */
    public static final String DEFAULT_MESSAGE = "Writing content every three minutes! Printing a random number:";
    /** The most replicas a spec accepts. */
    public static final int MAX_REPLICAS = 100;
    // Characters the message may hold: it is echoed unquoted by /bin/sh, so nothing the shell would interpret.
    private static final Pattern SAFE_MESSAGE = Pattern.compile("[A-Za-z0-9 .,:!?_+=@%^~\\-]+");
    private static final Pattern SAFE_FILE = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._-]+)+");

    private final String name;
    private final WorkloadKind kind;
    private final int replicas;
    /**
     * The container image reference grammar (distribution/reference): an optional registry host[:port], lower-case
     * path components separated by '.', '_', '__' or '-', an optional tag of at most 128 characters, an optional
     * sha256 digest of 64 hex digits.
     */
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)/)?"
            + "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*"
            + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");
    private final String image;
    private final String message;
    private final Duration writeInterval;
    private final String mountPath;
    private final String fileName;
    private final String cpuRequest;
    private final Map<String, String> nodeSelector;
    private final long terminationGracePeriodSeconds;
    private final boolean restrictedSecurity;
    private final boolean integrityWriter;

    private WorkloadSpec(Builder b) {
        name = b.name;
        kind = b.kind;
        replicas = b.replicas;
        image = b.image;
        message = b.message;
        writeInterval = b.writeInterval;
        mountPath = b.mountPath;
        fileName = b.fileName;
        cpuRequest = b.cpuRequest;
        nodeSelector = b.nodeSelector == null ? null : Map.copyOf(b.nodeSelector);
        terminationGracePeriodSeconds = b.terminationGracePeriodSeconds;
        restrictedSecurity = b.restrictedSecurity;
        integrityWriter = b.integrityWriter;
    }

    /** {@return a builder with the blueprint's defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this spec's values} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@return the Deployment or StatefulSet name} */
    public String name() {
        return name;
    }

    /** {@return whether the pods run as a Deployment or a StatefulSet} */
    public WorkloadKind kind() {
        return kind;
    }

    /** {@return the number of pods} */
    public int replicas() {
        return replicas;
    }

    /** {@return the container image reference} */
    public String image() {
        return image;
    }

    /** {@return the text each written line starts with; a random number 1–1000 follows, as in the blueprint} */
    public String message() {
        return message;
    }

    /** {@return the time between two written lines} */
    public Duration writeInterval() {
        return writeInterval;
    }

    /** {@return where the volume is mounted in the container} */
    public String mountPath() {
        return mountPath;
    }

    /** {@return the name of the file the pods write, in the mount path} */
    public String fileName() {
        return fileName;
    }

    /** {@return the file the pods write, on the volume: {@code mountPath/fileName}} */
    public String filePath() {
        return mountPath + "/" + fileName;
    }

    /** {@return the CPU request per pod, as a Kubernetes quantity} */
    public String cpuRequest() {
        return cpuRequest;
    }

    /** {@return the node selector of the pods; empty for none} */
    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    /** {@return the pods' termination grace period in seconds} */
    public long terminationGracePeriodSeconds() {
        return terminationGracePeriodSeconds;
    }

    /**
     * {@return whether the pods run under the restricted Pod Security profile (non-root, no privilege escalation, no
     * capabilities)}
     */
    public boolean restrictedSecurity() {
        return restrictedSecurity;
    }

    /**
     * {@return whether the pods run the integrity writer instead of the blueprint's: each line carries the pod's name, the
     * pod's own sequence number and the POSIX {@code cksum} of the rest, so a check can prove no line was lost,
     * duplicated or corrupted (off unless set)}
     */
    public boolean integrityWriter() {
        return integrityWriter;
    }

    /**
     * {@return the shell loop the container runs: exactly the blueprint's for the defaults; with
     * {@link #integrityWriter()}, lines {@code POD SEQ MESSAGE CKSUM} (see {@code IntegrityCheck})}
     */
    public String writerScript() {
        if (integrityWriter) {
            return "i=0; while true; do i=$((i+1)); l=\"$HOSTNAME $i " + message + "\"; echo \"$l $(echo \"$l\" | cksum"
                    + " | cut -d' ' -f1)\" >> " + filePath() + "; sleep " + writeInterval.toSeconds() + "; done";
        }
        return "while true; do echo " + message + " $(( $RANDOM % 1000 + 1 ))>> " + filePath()
                + "; sleep " + writeInterval.toSeconds() + "; done";
    }

    private void validate(SpecProblems problems) {
        problems.dnsLabel("name", name);
        problems.check("kind", kind, kind != null, "choose DEPLOYMENT or STATEFULSET");
        if (kind == WorkloadKind.STATEFULSET && name != null) {
            // The controller-revision-hash label is the name plus an 11-character hash and must fit 63 characters.
            problems.check("name", name, name.length() <= 52, "StatefulSet names are at most 52 characters");
        }
        problems.check("replicas", replicas, replicas >= 0 && replicas <= MAX_REPLICAS, "use 0 to " + MAX_REPLICAS + " replicas");
        problems.check("image", image, image != null && IMAGE_REFERENCE.matcher(image).matches(),
                "give a container image reference [registry/]path[:tag][@digest] with a lower-case path, e.g. " + DEFAULT_IMAGE);
        problems.check("message", message, message != null && SAFE_MESSAGE.matcher(message).matches(),
                "use letters, digits, spaces and . , : ! ? _ + = @ % ^ ~ - only (it is echoed by /bin/sh)");
        problems.check("writeInterval", writeInterval, writeInterval != null && writeInterval.toSeconds() >= 1
                        && writeInterval.toSeconds() <= 86_400 && writeInterval.toNanos() % 1_000_000_000L == 0,
                "use whole seconds from 1 s to 24 h, e.g. Duration.ofSeconds(180)");
        problems.check("mountPath", mountPath, mountPath != null && SAFE_PATH.matcher(mountPath).matches()
                        && !mountPath.matches(".*/\\.{1,2}(/.*)?"),
                "give an absolute directory such as /data (letters, digits, '.', '_', '-'; no '..', not '/')");
        problems.check("fileName", fileName, fileName != null && SAFE_FILE.matcher(fileName).matches()
                        && !fileName.equals(".") && !fileName.equals(".."),
                "give a file name without '/', such as out.txt");
        problems.positiveQuantity("cpuRequest", cpuRequest, "1 or 500m");
        if (problems.check("nodeSelector", nodeSelector, nodeSelector != null, "give a map, empty for no selector")) {
            problems.labels("nodeSelector", nodeSelector);
        }
        problems.check("terminationGracePeriodSeconds", terminationGracePeriodSeconds, terminationGracePeriodSeconds >= 0,
                "use 0 or more seconds");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkloadSpec w && name.equals(w.name) && kind == w.kind && replicas == w.replicas
                && image.equals(w.image) && message.equals(w.message) && writeInterval.equals(w.writeInterval)
                && mountPath.equals(w.mountPath) && fileName.equals(w.fileName) && cpuRequest.equals(w.cpuRequest)
                && nodeSelector.equals(w.nodeSelector) && terminationGracePeriodSeconds == w.terminationGracePeriodSeconds
                && restrictedSecurity == w.restrictedSecurity && integrityWriter == w.integrityWriter;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, replicas, image, message, writeInterval, mountPath, fileName, cpuRequest,
                nodeSelector, terminationGracePeriodSeconds, restrictedSecurity, integrityWriter);
    }

    @Override
    public String toString() {
        return "WorkloadSpec[" + kind + " " + name + ", replicas=" + replicas + ", image=" + image + ", file=" + filePath()
                + ", every " + writeInterval.toSeconds() + "s, cpu=" + cpuRequest + ", nodeSelector=" + nodeSelector
                + ", terminationGracePeriodSeconds=" + terminationGracePeriodSeconds
                + (restrictedSecurity ? ", restricted" : "") + (integrityWriter ? ", integrity writer" : "") + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String name = "stateful";
        private WorkloadKind kind = WorkloadKind.DEPLOYMENT;
        private int replicas = 3;
        private String image = DEFAULT_IMAGE;
        private String message = DEFAULT_MESSAGE;
        private Duration writeInterval = Duration.ofSeconds(180);
        private String mountPath = "/data";
        private String fileName = "out.txt";
        private String cpuRequest = "1";
        private Map<String, String> nodeSelector = new LinkedHashMap<>(Map.of("intent", "apps"));
        private long terminationGracePeriodSeconds;
        private boolean restrictedSecurity;
        private boolean integrityWriter;

        private Builder() {
        }

        private Builder(WorkloadSpec w) {
            name = w.name;
            kind = w.kind;
            replicas = w.replicas;
            image = w.image;
            message = w.message;
            writeInterval = w.writeInterval;
            mountPath = w.mountPath;
            fileName = w.fileName;
            cpuRequest = w.cpuRequest;
            nodeSelector = new LinkedHashMap<>(w.nodeSelector);
            terminationGracePeriodSeconds = w.terminationGracePeriodSeconds;
            restrictedSecurity = w.restrictedSecurity;
            integrityWriter = w.integrityWriter;
        }

        /**
         * Sets the workload name ({@code stateful} unless set).
         *
         * @param name a DNS label
         * @return this builder
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            this.name = name;
            return this;
        }

        /**
         * Sets the kind ({@link WorkloadKind#DEPLOYMENT} unless set).
         *
         * @param kind Deployment or StatefulSet
         * @return this builder
         */
        public Builder kind(WorkloadKind kind) {
            Objects.requireNonNull(kind, "kind");
            this.kind = kind;
            return this;
        }

        /**
         * Sets the number of pods (3 unless set).
         *
         * @param replicas 0 to {@value WorkloadSpec#MAX_REPLICAS}
         * @return this builder
         */
        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        /**
         * Sets the container image ({@value WorkloadSpec#DEFAULT_IMAGE} unless set).
         *
         * @param image an image reference {@code [registry/]path[:tag][@digest]}
         * @return this builder
         */
        public Builder image(String image) {
            Objects.requireNonNull(image, "image");
            this.image = image;
            return this;
        }

        /**
         * Sets the text each written line starts with.
         *
         * @param message letters, digits, spaces and a few punctuation marks (it is echoed by {@code /bin/sh})
         * @return this builder
         */
        public Builder message(String message) {
            Objects.requireNonNull(message, "message");
            this.message = message;
            return this;
        }

        /**
         * Sets the time between two written lines (180 s unless set).
         *
         * @param interval whole seconds from 1 s to 24 h
         * @return this builder
         */
        public Builder writeInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            this.writeInterval = interval;
            return this;
        }

        /**
         * Sets where the volume is mounted ({@code /data} unless set).
         *
         * @param mountPath an absolute directory
         * @return this builder
         */
        public Builder mountPath(String mountPath) {
            Objects.requireNonNull(mountPath, "mountPath");
            this.mountPath = mountPath;
            return this;
        }

        /**
         * Sets the name of the written file ({@code out.txt} unless set).
         *
         * @param fileName a file name without {@code /}
         * @return this builder
         */
        public Builder fileName(String fileName) {
            Objects.requireNonNull(fileName, "fileName");
            this.fileName = fileName;
            return this;
        }

        /**
         * CPU request per pod as a Kubernetes quantity, e.g. {@code 1} or {@code 500m}.
         *
         * @param cpu the CPU request
         * @return this builder
         */
        public Builder cpuRequest(String cpu) {
            Objects.requireNonNull(cpu, "cpu");
            this.cpuRequest = cpu;
            return this;
        }

        /**
         * Replaces the node selector ({@code intent: apps} by default; an empty map for none).
         *
         * @param selector the node labels the pods require
         * @return this builder
         */
        public Builder nodeSelector(Map<String, String> selector) {
            Objects.requireNonNull(selector, "selector");
            this.nodeSelector = selector == null ? null : new LinkedHashMap<>(selector);
            return this;
        }

        /**
         * Sets the pods' termination grace period (0 unless set).
         *
         * @param seconds 0 or more seconds
         * @return this builder
         */
        public Builder terminationGracePeriodSeconds(long seconds) {
            this.terminationGracePeriodSeconds = seconds;
            return this;
        }

        /**
         * Runs the pods under the restricted Pod Security profile (off unless set).
         *
         * @param restricted whether to apply the restricted profile
         * @return this builder
         */
        public Builder restrictedSecurity(boolean restricted) {
            this.restrictedSecurity = restricted;
            return this;
        }

        /**
         * Runs the integrity writer instead of the blueprint's (off unless set): each line is {@code POD SEQ MESSAGE
         * CKSUM}, the pod's name ({@code $HOSTNAME}), its own sequence number from 1, the message, and the POSIX
         * {@code cksum} of {@code POD SEQ MESSAGE}; {@code BlueprintRun.verifyIntegrity()} checks them.
         *
         * @param enabled whether to run it
         * @return this builder
         */
        public Builder integrityWriter(boolean enabled) {
            this.integrityWriter = enabled;
            return this;
        }

        /**
         * Validates the whole spec at once.
         *
         * @return the spec
         * @throws io.statefulebs.blueprint.error.InvalidSpecException listing every problem found
         */
        public WorkloadSpec build() {
            SpecProblems problems = new SpecProblems();
            WorkloadSpec spec = new WorkloadSpec(this);
            spec.validate(problems);
            problems.throwIfAny();
            return spec;
        }
    }
}
