package io.statefulebs.blueprint.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class on a fresh {@link io.statefulebs.blueprint.sim.SimulatedCluster}: test methods (and constructors,
 * lifecycle methods) may declare a {@code SimulatedCluster} parameter, and a {@code BlueprintRun} parameter annotated
 * {@link Deployed}. After each test the extension closes the runs it deployed and fails the test, listing what
 * remains, if the cluster still holds a StorageClass, claim, volume, workload or pod. A failing test carries the
 * cluster's event log as a suppressed exception.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SimulatedClusterExtension.class)
public @interface SimulatedClusterTest {
    /** {@return the seed of names, zone picks and the writers' numbers: the same seed gives the same run} */
    long seed() default 42;

    /** {@return the region of the simulated cluster} */
    String region() default "eu-west-2";

    /** {@return the zones where the cluster has subnets; empty means the region's a, b and c} */
    String[] zones() default {};

    /**
     * The name of a static method of the test class, without parameters, returning the NodePool model
     * ({@code io.statefulebs.blueprint.sim.NodePoolModel}); empty means the blueprint's default NodePool.
     *
     * @return the method's name, or empty
     */
    String nodePool() default "";

    /** {@return whether each test gets its own cluster (the default) or the tests of the class share one} */
    Lifecycle lifecycle() default Lifecycle.PER_TEST;

    /** How long a cluster lives. */
    enum Lifecycle {
        /** A fresh cluster for every test method. */
        PER_TEST,
        /** One cluster for all tests of the class; each test must still leave nothing behind. */
        PER_CLASS
    }
}
