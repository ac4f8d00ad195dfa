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
    /** {@return the availability zone} */
    String zone() default "eu-west-2a";

    /** {@return the number of writer pods} */
    int replicas() default 3;

    /** {@return the workload kind: Deployment (as in the walkthrough) or StatefulSet} */
    WorkloadKind workload() default WorkloadKind.DEPLOYMENT;

    /**
     * The name of a method of the test class (static, or on the test instance), without parameters, returning the
     * {@code StatefulEbsBlueprint} to deploy; when set, {@link #zone()}, {@link #replicas()} and {@link #workload()} are
     * ignored.
     *
     * @return the method's name, or empty
     */
    String spec() default "";

    /** {@return whether to wait for the claim Bound and every pod Running before the test starts} */
    boolean awaitReady() default true;
}
