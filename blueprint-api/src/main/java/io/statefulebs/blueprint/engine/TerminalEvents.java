package io.statefulebs.blueprint.engine;

import io.statefulebs.blueprint.view.EventView;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Events after which waiting is pointless: the CSI provisioner's {@code ProvisioningFailed} on a claim, and Karpenter's
 * {@code FailedScheduling} on a pod when no NodePool can ever fit it. Karpenter v1 writes one clause per NodePool,
 * separated by "; " ("incompatible requirements, key intent, ..."; "no instance type has the required offering,
 * requirements=... topology.ebs.csi.aws.com/zone In [a], topology.kubernetes.io/zone In [b c] ..."); older releases
 * wrote "incompatible with nodepool". Only when every clause is hopeless is the event terminal: a missing offering
 * alone can be a passing capacity shortage, unless the volume's zone and the NodePool's zones cannot meet.
 */
final class TerminalEvents {
    private static final String PREFIX = "Failed to schedule pod, ";
    private static final List<String> HOPELESS = List.of("incompatible requirements", "incompatible with nodepool",
            "no nodepools found", "all available instance types exceed limits", "no instance type satisfied resources");
    private static final Pattern VOLUME_ZONE = Pattern.compile("topology\\.ebs\\.csi\\.aws\\.com/zone In \\[([^\\]]*)\\]");
    private static final Pattern POOL_ZONE = Pattern.compile("topology\\.kubernetes\\.io/zone In \\[([^\\]]*)\\]");

    private TerminalEvents() {
    }

    static Optional<String> find(List<EventView> events, Collection<String> pods, Collection<String> claims) {
        for (EventView e : events) {
            boolean karpenterGaveUp = e.objectKind().equals("Pod") && pods.contains(e.objectName())
                    && e.reason().equals("FailedScheduling") && e.source().contains("karpenter") && noNodePoolFits(e.message());
            boolean provisioningFailed = e.objectKind().equals("PersistentVolumeClaim") && claims.contains(e.objectName())
                    && e.reason().equals("ProvisioningFailed");
            if (karpenterGaveUp || provisioningFailed) {
                return Optional.of(e.objectKind() + " " + e.objectName() + ": " + e.reason() + " (" + e.source() + "): " + e.message());
            }
        }
        return Optional.empty();
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
