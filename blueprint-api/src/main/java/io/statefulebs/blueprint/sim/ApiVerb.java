package io.statefulebs.blueprint.sim;

/** The calls of a simulated cluster that {@link SimulatedCluster#failNext(ApiVerb, int)} can make fail. */
public enum ApiVerb {
    /** {@code create} of a manifest (a new object); target {@code Kind/namespace/name}. */
    CREATE,
    /** {@code apply} of a manifest; target {@code Kind/namespace/name}. */
    APPLY,
    /** {@code delete} of an object or a VolumeAttachment; target {@code Kind/namespace/name}. */
    DELETE,
    /** {@code scale} of a workload; target {@code Kind/namespace/name}. */
    SCALE,
    /** {@code exec} in a pod; target {@code namespace/pod}. */
    EXEC,
    /** A read of one object ({@code exists}, {@code metadata}, {@code claim}); target {@code Kind/namespace/name} or {@code claim NAME}. */
    GET,
    /** A list ({@code nodes}, {@code pods}, {@code claims}, {@code events}, {@code volumeattachments}, labelled objects). */
    LIST,
    /** A patch of a node (the out-of-service taint); target {@code Node/NAME}. */
    PATCH
}
