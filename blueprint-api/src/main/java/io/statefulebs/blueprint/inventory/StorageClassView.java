package io.statefulebs.blueprint.inventory;

import io.statefulebs.blueprint.view.NodeRequirement;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A StorageClass: provisioner, {@code volumeBindingMode} ({@code Immediate} when unset, as the API server defaults
 * it), reclaim policy, parameters and its allowed topologies (the requirements of its first term, empty when
 * unrestricted).
 */
public record StorageClassView(String name, String provisioner, String bindingMode, String reclaimPolicy,
                               Map<String, String> parameters, List<NodeRequirement> allowedTopologies) {
    /**
     * Creates the view, copying {@code parameters} and {@code allowedTopologies}; {@code name}, {@code provisioner}
     * and {@code bindingMode} must be non-null.
     *
     * @param name              the StorageClass's name
     * @param provisioner       its provisioner
     * @param bindingMode       its {@code volumeBindingMode}
     * @param reclaimPolicy     its reclaim policy
     * @param parameters        its parameters
     * @param allowedTopologies the requirements of its first allowed topology term, empty when unrestricted
     */
    public StorageClassView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provisioner, "provisioner");
        Objects.requireNonNull(bindingMode, "bindingMode");
        parameters = Map.copyOf(parameters);
        allowedTopologies = List.copyOf(allowedTopologies);
    }

    /** {@return whether the binding mode is {@code WaitForFirstConsumer}} */
    public boolean waitsForFirstConsumer() {
        return "WaitForFirstConsumer".equals(bindingMode);
    }
}
