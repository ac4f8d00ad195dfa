package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BlueprintInterruptedException;
import io.statefulebs.blueprint.error.NotFoundException;
import io.statefulebs.blueprint.spi.ExecResult;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a command in a pod's first container over the exec subresource, capturing stdout, stderr and exit code. */
final class PodExec {
    private final KubernetesClient client;
    private final ApiCalls calls;
    private final Duration timeout;

    PodExec(KubernetesClient client, ApiCalls calls, Duration timeout) {
        this.client = client;
        this.calls = calls;
        this.timeout = timeout;
    }

    ExecResult exec(String namespace, String podName, List<String> command) {
        String operation = "exec " + String.join(" ", command) + " in Pod/" + namespace + "/" + podName;
        PodResource resource = client.pods().inNamespace(namespace).withName(podName);
        Pod pod = calls.run(operation, RequiredAccess.of("get", "pods", "", namespace), resource::get);
        if (pod == null) {
            throw new NotFoundException(operation, "pod " + namespace + "/" + podName + " does not exist");
        }
        String container = pod.getSpec().getContainers().get(0).getName();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        RequiredAccess access = RequiredAccess.of("create", "pods/exec", "", namespace);
        // A 429 or 5xx answers the upgrade request, before the command started, so sending it again is safe.
        StreamEnd end = new StreamEnd();
        Duration allowed = timeout;
        try (ExecWatch watch = calls.run(operation, access, () -> resource.inContainer(container)
                .writingOutput(stdout).writingError(stderr).usingListener(end).exec(command.toArray(String[]::new)))) {
            allowed = calls.capped(timeout); // what the upgrade's retries left of a step's deadline
            Integer exitCode = watch.exitCode().get(allowed.toNanos(), TimeUnit.NANOSECONDS);
            if (exitCode == null || exitCode < 0) {
                throw new BackendException(operation, end.explain(exitCode));
            }
            return new ExecResult(text(stdout), text(stderr), exitCode);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlueprintInterruptedException(operation, e);
        } catch (ExecutionException e) {
            throw ApiErrors.translate(operation, access, e.getCause());
        } catch (TimeoutException e) {
            throw new BackendException(operation, "no exit status within " + allowed
                    + (allowed.equals(timeout) ? " (the exec timeout)" : " (what was left of the step's timeout)"), e);
        }
    }

    /**
     * How the stream ended when no exit code came: a failure status (fabric8 maps any status but success or a non-zero
     * exit code to -1; kubelets send it when they cannot run the command) carries its message; a stream closed before
     * any status carries its close code. fabric8 completes the exit code before it calls {@code onClose}, so the
     * explanation waits a moment for it.
     */
    private static final class StreamEnd implements ExecListener {
        private final CompletableFuture<String> failureStatus = new CompletableFuture<>();
        private final CompletableFuture<String> close = new CompletableFuture<>();

        @Override
        public void onExit(int code, Status status) {
            failureStatus.complete(status == null ? "" : Objects.requireNonNullElse(status.getMessage(), ""));
        }

        @Override
        public void onClose(int code, String reason) {
            close.complete("close code " + code + (reason == null || reason.isBlank() ? "" : ": " + reason));
        }

        String explain(Integer exitCode) {
            if (exitCode == null) {
                return "the exec stream closed without an exit status (" + soon(close, "close code unknown") + ")";
            }
            String message = soon(failureStatus, "");
            return "the kubelet answered with a failure status instead of an exit code"
                    + (message.isBlank() ? "" : ": " + message);
        }

        /** Waits on the caller's thread: completeOnTimeout would start the JDK's JVM-wide delay thread. */
        private static String soon(CompletableFuture<String> value, String otherwise) {
            try {
                return value.get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return otherwise;
            } catch (ExecutionException | TimeoutException e) {
                return otherwise;
            }
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
