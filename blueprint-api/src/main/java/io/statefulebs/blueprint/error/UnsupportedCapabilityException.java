package io.statefulebs.blueprint.error;

/**
 * The backend lacks an optional capability a call needs (node repair, cluster checks, zone lookups). Nothing was
 * changed; the message names the capability, the call and what to use instead.
 */
public class UnsupportedCapabilityException extends BackendException {
    /** The capability's interface name. */
    private final String capability;

    /**
     * An exception of kind {@link BackendException.Kind#UNSUPPORTED}.
     *
     * @param operation the call that needs the capability
     * @param backend the backend's name
     * @param capability the capability's interface name
     * @param instead what to use instead; empty for nothing
     */
    public UnsupportedCapabilityException(String operation, String backend, String capability, String instead) {
        super(operation, Kind.UNSUPPORTED, 0, "backend " + backend + " does not offer " + capability
                + (instead.isEmpty() ? "" : "; " + instead), null);
        this.capability = capability;
    }

    /** {@return the capability's interface name, e.g. {@code NodeRepair}} */
    public String capability() {
        return capability;
    }
}
