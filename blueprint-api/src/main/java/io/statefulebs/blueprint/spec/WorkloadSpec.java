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
    public static final String DEFAULT_IMAGE = "public.ecr.aws/docker/library/centos:centos7.9.2009";
    public static final String DEFAULT_MESSAGE = "Writing content every three minutes! Printing a random number:";
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
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String name() {
        return name;
    }

    public WorkloadKind kind() {
        return kind;
    }

    public int replicas() {
        return replicas;
    }

    public String image() {
        return image;
    }

    /** The text each written line starts with; a random number 1–1000 follows, as in the blueprint. */
    public String message() {
        return message;
    }

    public Duration writeInterval() {
        return writeInterval;
    }

    public String mountPath() {
        return mountPath;
    }

    public String fileName() {
        return fileName;
    }

    /** The file the pods write, on the volume: {@code mountPath/fileName}. */
    public String filePath() {
        return mountPath + "/" + fileName;
    }

    public String cpuRequest() {
        return cpuRequest;
    }

    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    public long terminationGracePeriodSeconds() {
        return terminationGracePeriodSeconds;
    }

    /** Whether the pods run under the restricted Pod Security profile (non-root, no privilege escalation, no capabilities). */
    public boolean restrictedSecurity() {
        return restrictedSecurity;
    }

    /** The shell loop the container runs, exactly the blueprint's for the defaults. */
    public String writerScript() {
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
                && restrictedSecurity == w.restrictedSecurity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, replicas, image, message, writeInterval, mountPath, fileName, cpuRequest,
                nodeSelector, terminationGracePeriodSeconds, restrictedSecurity);
    }

    @Override
    public String toString() {
        return "WorkloadSpec[" + kind + " " + name + ", replicas=" + replicas + ", image=" + image + ", file=" + filePath()
                + ", every " + writeInterval.toSeconds() + "s, cpu=" + cpuRequest + ", nodeSelector=" + nodeSelector
                + ", terminationGracePeriodSeconds=" + terminationGracePeriodSeconds
                + (restrictedSecurity ? ", restricted" : "") + "]";
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
        }

        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            this.name = name;
            return this;
        }

        public Builder kind(WorkloadKind kind) {
            Objects.requireNonNull(kind, "kind");
            this.kind = kind;
            return this;
        }

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public Builder image(String image) {
            Objects.requireNonNull(image, "image");
            this.image = image;
            return this;
        }

        public Builder message(String message) {
            Objects.requireNonNull(message, "message");
            this.message = message;
            return this;
        }

        public Builder writeInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            this.writeInterval = interval;
            return this;
        }

        public Builder mountPath(String mountPath) {
            Objects.requireNonNull(mountPath, "mountPath");
            this.mountPath = mountPath;
            return this;
        }

        public Builder fileName(String fileName) {
            Objects.requireNonNull(fileName, "fileName");
            this.fileName = fileName;
            return this;
        }

        /** CPU request per pod as a Kubernetes quantity, e.g. {@code 1} or {@code 500m}. */
        public Builder cpuRequest(String cpu) {
            Objects.requireNonNull(cpu, "cpu");
            this.cpuRequest = cpu;
            return this;
        }

        /** Replaces the node selector ({@code intent: apps} by default; an empty map for none). */
        public Builder nodeSelector(Map<String, String> selector) {
            Objects.requireNonNull(selector, "selector");
            this.nodeSelector = selector == null ? null : new LinkedHashMap<>(selector);
            return this;
        }

        public Builder terminationGracePeriodSeconds(long seconds) {
            this.terminationGracePeriodSeconds = seconds;
            return this;
        }

        public Builder restrictedSecurity(boolean restricted) {
            this.restrictedSecurity = restricted;
            return this;
        }

        public WorkloadSpec build() {
            SpecProblems problems = new SpecProblems();
            WorkloadSpec spec = new WorkloadSpec(this);
            spec.validate(problems);
            problems.throwIfAny();
            return spec;
        }
    }
}
