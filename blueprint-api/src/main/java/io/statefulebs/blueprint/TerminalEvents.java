package io.statefulebs.blueprint;

import io.statefulebs.blueprint.view.EventView;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Events after which waiting is pointless: a {@code ProvisioningFailed} on a claim still unbound whose cause will not go
 * away, and Karpenter's {@code FailedScheduling} on a pod still waiting when no NodePool can ever fit it.
 * <p>Provisioning failures are retried by their controllers, and some are only races: the persistent-volume controller
 * reports "Error saving claim: Operation cannot be fulfilled ... the object has been modified" when it and the external
 * provisioner update a claim at once, then succeeds. So a known passing cause never ends a wait, a known lasting cause
 * (a bad StorageClass parameter, a missing IAM permission, a zone outside the allowed topologies) ends it at once, and
 * any other cause ends it once the claim's provisioning has failed {@value #REPEATS_BEFORE_GIVING_UP} times (the
 * counts of all its events summed: the EBS CSI driver's messages carry a request id, so each report is an event of its own).
 * <p>Karpenter v1 writes one clause per NodePool,
 * separated by "; " ("incompatible requirements, key intent, ..."; "no instance type has the required offering,
 * requirements=... topology.ebs.csi.aws.com/zone In [a], topology.kubernetes.io/zone In [b c] ..."); older releases
 * wrote "incompatible with nodepool". Only when every clause is hopeless is the event terminal: a missing offering
 * alone can be a passing capacity shortage, unless the volume's zone and the NodePool's zones cannot meet.
 */
final class TerminalEvents {
    private static final String PREFIX = "Failed to schedule pod, ";
    private static final List<String> HOPELESS = List.of("incompatible requirements", "incompatible with nodepool",
            "no nodepools found", "all available instance types exceed limits", "no instance type satisfied resources");
    private static final List<String> PASSING_PROVISIONING_FAILURES = List.of("the object has been modified",
            "Operation cannot be fulfilled", "code = DeadlineExceeded", "context deadline exceeded", "code = Aborted",
            "code = Unavailable", "RequestLimitExceeded", "Throttling", "TooManyRequests", "connection refused", "i/o timeout");
    private static final List<String> LASTING_PROVISIONING_FAILURES = List.of("code = InvalidArgument",
            "code = PermissionDenied", "UnauthorizedOperation", "AccessDenied", "outside the allowed topologies",
            "no volume plugin matched", "storageclass.storage.k8s.io");
    static final int REPEATS_BEFORE_GIVING_UP = 3;
    private static final Pattern VOLUME_ZONE = Pattern.compile("topology\\.ebs\\.csi\\.aws\\.com/zone In \\[([^\\]]*)\\]");
    private static final Pattern POOL_ZONE = Pattern.compile("topology\\.kubernetes\\.io/zone In \\[([^\\]]*)\\]");

    private TerminalEvents() {
    }

    /** The first hopeless event about one of {@code waitingPods} or {@code unboundClaims}, as a sentence. */
    static Optional<String> find(List<EventView> events, Collection<String> waitingPods, Collection<String> unboundClaims) {
        Map<String, Integer> failedProvisionings = new HashMap<>();
        events.stream().filter(e -> provisioningFailure(e, unboundClaims))
                .forEach(e -> failedProvisionings.merge(e.objectName(), e.count(), Integer::sum));
        for (EventView e : events) {
            boolean karpenterGaveUp = e.objectKind().equals("Pod") && waitingPods.contains(e.objectName())
                    && e.reason().equals("FailedScheduling") && e.source().contains("karpenter") && noNodePoolFits(e.message());
            boolean provisioningGaveUp = provisioningFailure(e, unboundClaims) && (lasting(e.message())
                    || failedProvisionings.get(e.objectName()) >= REPEATS_BEFORE_GIVING_UP);
            if (karpenterGaveUp || provisioningGaveUp) {
                return Optional.of(e.objectKind() + " " + e.objectName() + ": " + e.reason() + " (" + e.source() + "): " + e.message());
            }
        }
        return Optional.empty();
    }

    /** A {@code ProvisioningFailed} about an unbound claim whose cause is not known to pass. */
    private static boolean provisioningFailure(EventView e, Collection<String> unboundClaims) {
        return e.objectKind().equals("PersistentVolumeClaim") && unboundClaims.contains(e.objectName())
                && e.reason().equals("ProvisioningFailed") && PASSING_PROVISIONING_FAILURES.stream().noneMatch(e.message()::contains);
    }

    private static boolean lasting(String message) {
        return LASTING_PROVISIONING_FAILURES.stream().anyMatch(message::contains);
    }

    static boolean noNodePoolFits(String message) {
        String body = message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
        return Arrays.stream(body.split("; ")).allMatch(TerminalEvents::hopeless);
    }

    private static boolean hopeless(String clause) {
        return HOPELESS.stream().anyMatch(clause::contains)
                || clause.contains("no instance type has the required offering") && zonesCannotMeet(clause);
    }

    private static boolean zonesCannotMeet(String clause) {
        Matcher volume = VOLUME_ZONE.matcher(clause);
        Matcher pool = POOL_ZONE.matcher(clause);
        if (!volume.find() || !pool.find()) {
            return false;
        }
        Set<String> poolZones = words(pool.group(1));
        return words(volume.group(1)).stream().noneMatch(poolZones::contains);
    }

    private static Set<String> words(String list) {
        return Arrays.stream(list.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
