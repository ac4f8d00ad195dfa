package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.spec.WorkloadKind;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code BlueprintRun} parameter of a {@link SimulatedClusterTest}: the extension deploys the blueprint on the
 * test's simulated cluster, waits until it is ready (unless {@link #awaitReady()} is false) and closes the run after
 * the test, deleting what it created.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Deployed {
    /** The availability zone. */
    String zone() default "eu-west-2a";

    /** The number of writer pods. */
    int replicas() default 3;

    /** Deployment (as in the walkthrough) or StatefulSet. */
    WorkloadKind workload() default WorkloadKind.DEPLOYMENT;

    /**
     * The name of a method of the test class (static, or on the test instance), without parameters, returning the
     * {@code StatefulEbsBlueprint} to deploy; when set, {@link #zone()}, {@link #replicas()} and {@link #workload()} are
     * ignored.
     */
    String spec() default "";

    /** Whether to wait for the claim Bound and every pod Running before the test starts. */
    boolean awaitReady() default true;
}
