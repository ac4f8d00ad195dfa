package io.statefulebs.blueprint.testkit;

import io.statefulebs.blueprint.BlueprintRun;
import io.statefulebs.blueprint.DeployOptions;
import io.statefulebs.blueprint.StatefulEbsBlueprint;
import io.statefulebs.blueprint.sim.NodePoolModel;
import io.statefulebs.blueprint.sim.SimulatedCluster;
import io.statefulebs.blueprint.spi.ResourceRef;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link SimulatedClusterTest}: makes the cluster, deploys {@link Deployed} runs, closes
 * them after each test, fails a test that left objects behind, and adds the cluster's event log to a failing test.
 */
public final class SimulatedClusterExtension implements ParameterResolver, AfterEachCallback, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimulatedClusterExtension.class);
    private static final String CLUSTER = "cluster";
    private static final String RUNS = "runs";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SimulatedCluster.class || (type == BlueprintRun.class && parameter.isAnnotated(Deployed.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SimulatedCluster cluster = cluster(context);
        if (parameter.getParameter().getType() == SimulatedCluster.class) {
            return cluster;
        }
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("a @Deployed BlueprintRun can only be a parameter of a test method,"
                    + " so that it is closed after that test");
        }
        Deployed deployed = parameter.findAnnotation(Deployed.class).orElseThrow();
        BlueprintRun run = spec(deployed, context).deploy(DeployOptions.builder().backend(cluster).build());
        runs(context).add(run);
        if (deployed.awaitReady()) {
            run.awaitReady();
        }
        return run;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        existingCluster(context).ifPresent(cluster -> failure.addSuppressed(new ClusterEventLog(cluster.eventLog())));
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        AssertionError failure = null;
        List<BlueprintRun> runs = runs(context);
        for (BlueprintRun run : runs) {
            try {
                run.close();
            } catch (RuntimeException e) {
                failure = failure != null ? failure : new AssertionError("closing the @Deployed run " + run.runId() + " failed", e);
            }
        }
        runs.clear();
        Optional<SimulatedCluster> cluster = existingCluster(context);
        List<ResourceRef> left = cluster.map(SimulatedCluster::objects).orElse(List.of());
        if (!left.isEmpty()) {
            AssertionError leftovers = new AssertionError("the test left " + left.size() + " object(s) on the simulated cluster: "
                    + left + ". Close every BlueprintRun (try-with-resources) or call cleanup() before the test ends");
            leftovers.addSuppressed(new ClusterEventLog(cluster.get().eventLog()));
            failure = failure == null ? leftovers : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static SimulatedCluster cluster(ExtensionContext context) {
        SimulatedClusterTest settings = settings(context);
        ExtensionContext owner = settings.lifecycle() == SimulatedClusterTest.Lifecycle.PER_CLASS ? classContext(context) : context;
        if (settings.lifecycle() == SimulatedClusterTest.Lifecycle.PER_TEST && context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("with a cluster per test, declare SimulatedCluster as a parameter of a test"
                    + " or @BeforeEach method, or use @SimulatedClusterTest(lifecycle = PER_CLASS)");
        }
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(CLUSTER, key -> newCluster(settings, context), SimulatedCluster.class);
    }

    private static Optional<SimulatedCluster> existingCluster(ExtensionContext context) {
        SimulatedCluster own = context.getStore(NAMESPACE).get(CLUSTER, SimulatedCluster.class);
        return own != null ? Optional.of(own)
                : Optional.ofNullable(classContext(context).getStore(NAMESPACE).get(CLUSTER, SimulatedCluster.class));
    }

    @SuppressWarnings("unchecked")
    private static List<BlueprintRun> runs(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RUNS, key -> new ArrayList<BlueprintRun>(), List.class);
    }

    private static SimulatedCluster newCluster(SimulatedClusterTest settings, ExtensionContext context) {
        SimulatedCluster.Builder builder = SimulatedCluster.builder().seed(settings.seed()).region(settings.region(), settings.zones());
        if (!settings.nodePool().isEmpty()) {
            builder.nodePool((NodePoolModel) invoke(settings.nodePool(), context, NodePoolModel.class, "nodePool"));
        }
        return builder.build();
    }

    private static StatefulEbsBlueprint spec(Deployed deployed, ExtensionContext context) {
        if (!deployed.spec().isEmpty()) {
            return (StatefulEbsBlueprint) invoke(deployed.spec(), context, StatefulEbsBlueprint.class, "spec");
        }
        return StatefulEbsBlueprint.builder().zone(deployed.zone()).replicas(deployed.replicas())
                .workload(w -> w.kind(deployed.workload())).build();
    }

    /** Calls the test class's method {@code name} (static, or on the test instance), which must return {@code type}. */
    private static Object invoke(String name, ExtensionContext context, Class<?> type, String attribute) {
        Class<?> testClass = context.getRequiredTestClass();
        Method method;
        try {
            method = findMethod(testClass, name);
        } catch (NoSuchMethodException e) {
            throw new ExtensionConfigurationException(attribute + " = \"" + name + "\": " + testClass.getName()
                    + " has no method " + name + "() returning " + type.getSimpleName());
        }
        if (!type.isAssignableFrom(method.getReturnType())) {
            throw new ExtensionConfigurationException(attribute + " = \"" + name + "\": " + name + "() returns "
                    + method.getReturnType().getSimpleName() + ", not " + type.getSimpleName());
        }
        Object target = Modifier.isStatic(method.getModifiers()) ? null : context.getTestInstance().orElseThrow(() ->
                new ExtensionConfigurationException(attribute + " = \"" + name + "\": make " + name + "() static"));
        try {
            method.setAccessible(true);
            return method.invoke(target);
        } catch (InvocationTargetException e) {
            throw new ExtensionConfigurationException(attribute + " = \"" + name + "\": " + name + "() threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException(attribute + " = \"" + name + "\": cannot call " + name + "()", e);
        }
    }

    private static Method findMethod(Class<?> type, String name) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static SimulatedClusterTest settings(ExtensionContext context) {
        for (Optional<Class<?>> c = context.getTestClass(); c.isPresent(); c = Optional.ofNullable(c.get().getEnclosingClass())) {
            SimulatedClusterTest found = c.get().getAnnotation(SimulatedClusterTest.class);
            if (found != null) {
                return found;
            }
        }
        throw new ExtensionConfigurationException("SimulatedClusterExtension needs @SimulatedClusterTest on the test class");
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** The simulated cluster's events, attached to a failing test's report. */
    static final class ClusterEventLog extends RuntimeException {
        ClusterEventLog(List<String> events) {
            super("simulated cluster event log (" + events.size() + " event(s)):" + (events.isEmpty() ? " none"
                    : "\n  " + String.join("\n  ", events)), null, false, false);
        }
    }
}
