package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One exec session's WebSocket, decoding Kubernetes' channel protocol ({@value #PROTOCOL}): the first byte of each
 * message names its channel, 1 stdout, 2 stderr, 3 the final Status. The callbacks run on the client's pool, one
 * message at a time (each asks for the next); the caller's thread waits on {@link #ending()}.
 */
final class ExecStream implements WebSocket.Listener {
    static final String PROTOCOL = "v4.channel.k8s.io";
    private static final byte STDOUT = 1;
    private static final byte STDERR = 2;
    private static final byte STATUS = 3;
    private static final String EXIT_CODE = "ExitCode";

    private final KubernetesSerialization json;
    // Synchronized streams: written on the pool's threads, read on the caller's once the ending is known.
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    /** Completes when the server closed the socket (or it failed): then there is no close of ours to send. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    ExecStream(KubernetesSerialization json) {
        this.json = json;
    }

    /**
     * How the command ended: an exit code, or why none came. Completes exceptionally when the connection failed
     * (fabric8 reports it through {@link #onError}).
     */
    CompletableFuture<Ending> ending() {
        return ending;
    }

    /**
     * Waits on the caller's thread, at most {@code grace}, for the server to close the socket (an API server closes it
     * right after the Status); returns whether it did. Sending a close of ours after the server's crosses it: the JDK
     * then fails one of the two and fabric8 logs a warning, and aborts the socket a minute later with another.
     */
    boolean closedByServerWithin(Duration grace) {
        try {
            closed.get(grace.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return closed.isDone();
        } catch (ExecutionException | TimeoutException e) {
            return closed.isDone();
        }
    }

    String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteBuffer bytes) {
        if (bytes.hasRemaining()) {
            byte channel = bytes.get();
            switch (channel) {
                case STDOUT -> write(stdout, bytes);
                case STDERR -> write(stderr, bytes);
                case STATUS -> ending.complete(ended(StandardCharsets.UTF_8.decode(bytes).toString()));
                default -> { } // no other channel carries output (4 is the client's terminal size)
            }
        }
        webSocket.request();
    }

    /** Servers speak binary on this protocol; a text message is read as its UTF-8 bytes, as fabric8 does. */
    @Override
    public void onMessage(WebSocket webSocket, String text) {
        onMessage(webSocket, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void onClose(WebSocket webSocket, int code, String reason) {
        closed.complete(null);
        ending.complete(Ending.failure("the exec stream closed without an exit status (close code " + code
                + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")"));
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(null);
        ending.completeExceptionally(error);
    }

    private static void write(ByteArrayOutputStream to, ByteBuffer bytes) {
        byte[] chunk = new byte[bytes.remaining()];
        bytes.get(chunk);
        to.writeBytes(chunk);
    }

    /**
     * The Status the API server relays from the kubelet: Success is exit code 0; a non-zero exit code is a cause with
     * reason ExitCode; anything else (the kubelet could not run the command) is a failure carrying its message.
     */
    private Ending ended(String text) {
        Status status;
        try {
            status = json.unmarshal(text, Status.class);
        } catch (RuntimeException e) {
            return Ending.failedStatus(text.strip());
        }
        if (status == null) {
            return Ending.failedStatus(text.strip());
        }
        if ("Success".equals(status.getStatus())) {
            return Ending.exit(0);
        }
        List<StatusCause> causes = status.getDetails() == null ? null : status.getDetails().getCauses();
        for (StatusCause cause : Objects.requireNonNullElse(causes, List.<StatusCause>of())) {
            if (EXIT_CODE.equals(cause.getReason())) {
                try {
                    return Ending.exit(Integer.parseInt(String.valueOf(cause.getMessage()).strip()));
                } catch (NumberFormatException e) {
                    break; // not a code: reported as the failure it is
                }
            }
        }
        return Ending.failedStatus(Objects.requireNonNullElse(status.getMessage(), ""));
    }

    /** The command's exit code, or (null code) the explanation of why there is none. */
    record Ending(Integer exitCode, String failure) {
        static Ending exit(int code) {
            return new Ending(code, null);
        }

        static Ending failure(String explanation) {
            return new Ending(null, explanation);
        }

        static Ending failedStatus(String message) {
            return failure("the kubelet answered with a failure status instead of an exit code"
                    + (message.isBlank() ? "" : ": " + message));
        }
    }
}
