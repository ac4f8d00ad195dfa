package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.LabelSelector;
import io.statefulebs.blueprint.view.NodeRequirement;
import io.statefulebs.blueprint.view.PodView;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pod with what decides where it may run and who may disrupt it.
 *
 * @param pod               the pod as {@code kubectl get pods -o wide} shows it (its claims included)
 * @param ownerKind         the controller owning it ({@code ReplicaSet}, {@code StatefulSet}, ...), empty for a bare pod
 * @param ownerName         that controller's name, empty for a bare pod
 * @param annotations       the pod's annotations (e.g. {@code karpenter.sh/do-not-disrupt})
 * @param nodeSelector      {@code spec.nodeSelector}
 * @param nodeAffinityTerms the required node affinity: any one term must hold, every requirement of a term must hold
 * @param spreadConstraints {@code spec.topologySpreadConstraints}
 */
public record PodDetails(PodView pod, String ownerKind, String ownerName, Map<String, String> annotations,
                         Map<String, String> nodeSelector, List<List<NodeRequirement>> nodeAffinityTerms,
                         List<SpreadConstraint> spreadConstraints) {
    /**
     * Creates the details, copying the maps and lists; {@code pod}, {@code ownerKind} and {@code ownerName} must be
     * non-null.
     *
     * @param pod               the pod (its claims included)
     * @param ownerKind         the controller owning it, empty for a bare pod
     * @param ownerName         that controller's name, empty for a bare pod
     * @param annotations       the pod's annotations
     * @param nodeSelector      {@code spec.nodeSelector}
     * @param nodeAffinityTerms the required node affinity terms
     * @param spreadConstraints {@code spec.topologySpreadConstraints}
     */
    public PodDetails {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(ownerKind, "ownerKind");
        Objects.requireNonNull(ownerName, "ownerName");
        annotations = Map.copyOf(annotations);
        nodeSelector = Map.copyOf(nodeSelector);
        nodeAffinityTerms = nodeAffinityTerms.stream().map(List::copyOf).toList();
        spreadConstraints = List.copyOf(spreadConstraints);
    }

    /** {@return the pod's namespace} */
    public String namespace() {
        return pod.namespace();
    }

    /** {@return the pod's name} */
    public String name() {
        return pod.name();
    }

    /** {@return {@code Pod/namespace/name}, the way findings name objects} */
    public String ref() {
        return "Pod/" + pod.namespace() + "/" + pod.name();
    }

    /**
     * One topology spread constraint: {@code whenUnsatisfiable} is {@code DoNotSchedule} or {@code ScheduleAnyway}.
     * {@code selector} is its {@code labelSelector} (empty when it has none); {@code matchLabelKeys} are the keys whose
     * values the scheduler takes from the incoming pod's labels and adds to the selector.
     *
     * @param topologyKey       the node label the pods are spread over
     * @param maxSkew           the largest allowed difference in matching pods between topology domains
     * @param whenUnsatisfiable {@code DoNotSchedule} or {@code ScheduleAnyway}
     * @param selector          the selector of the pods it counts, empty when it has none
     * @param matchLabelKeys    {@code matchLabelKeys}, empty when not set
     */
    public record SpreadConstraint(String topologyKey, int maxSkew, String whenUnsatisfiable, LabelSelector selector,
                                   List<String> matchLabelKeys) {
        /**
         * Copies {@code matchLabelKeys}; every argument must be non-null.
         *
         * @param topologyKey       the node label the pods are spread over
         * @param maxSkew           the largest allowed difference in matching pods between topology domains
         * @param whenUnsatisfiable {@code DoNotSchedule} or {@code ScheduleAnyway}
         * @param selector          the selector of the pods it counts, empty when it has none
         * @param matchLabelKeys    {@code matchLabelKeys}, empty when not set
         * @throws NullPointerException naming the field that is null
         */
        public SpreadConstraint {
            Objects.requireNonNull(topologyKey, "topologyKey");
            Objects.requireNonNull(whenUnsatisfiable, "whenUnsatisfiable");
            Objects.requireNonNull(selector, "selector");
            matchLabelKeys = List.copyOf(Objects.requireNonNull(matchLabelKeys, "matchLabelKeys"));
        }

        /**
         * A constraint whose selector is {@code matchLabels} only, without {@code matchLabelKeys}.
         *
         * @param topologyKey       the node label the pods are spread over
         * @param maxSkew           the largest allowed difference in matching pods between topology domains
         * @param whenUnsatisfiable {@code DoNotSchedule} or {@code ScheduleAnyway}
         * @param matchLabels       the labels of the pods it counts
         * @return the constraint
         */
        public static SpreadConstraint ofLabels(String topologyKey, int maxSkew, String whenUnsatisfiable,
                                                Map<String, String> matchLabels) {
            return new SpreadConstraint(topologyKey, maxSkew, whenUnsatisfiable, LabelSelector.of(matchLabels), List.of());
        }

        /** {@return whether the constraint is {@code DoNotSchedule}} */
        public boolean hard() {
            return "DoNotSchedule".equals(whenUnsatisfiable);
        }
    }
}
