package io.statefulebs.blueprint.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * EC2 (query/XML) and EKS (REST/JSON) on one loopback HTTP server, for the real SDK clients. Routes are
 * {@code ec2:<Action>} or {@code <METHOD> <path>}; each route answers its replies in order, repeating the last.
 */
final class FakeAws implements AutoCloseable {
    static final String ACCESS_KEY = "AKIDEXAMPLE";
    static final String SECRET_KEY = "secret";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    static final String REGION = "eu-west-2";

    record Request(String route, String method, String path, String body) {
        /** The form-encoded body of an EC2 call, decoded, in order. */
        Map<String, String> form() {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
            return form;
        }
    }

    record Reply(int status, Map<String, String> headers, String body) {
        static Reply ec2(String xml) {
            return new Reply(200, Map.of("Content-Type", "text/xml;charset=UTF-8"), xml);
        }

        static Reply ec2Error(int status, String code, String message) {
            return new Reply(status, Map.of("Content-Type", "text/xml;charset=UTF-8"),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>"
                            + message + "</Message></Error></Errors><RequestID>req-" + code + "</RequestID></Response>");
        }

        static Reply eks(String json) {
            return new Reply(200, Map.of("Content-Type", "application/json"), json);
        }

        static Reply eksError(int status, String type, String message) {
            return new Reply(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type,
                    "x-amzn-RequestId", "req-" + type), "{\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A started server, for a field that JUnit's {@code @AutoClose} closes after each test. */
    static FakeAws started() {
        try {
            return new FakeAws();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not start FakeAws on a loopback port", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Lookups with its own SDK clients (standard retries) pointed at this server. */
    AwsLookups.Builder lookups() {
        return lookups(endpoint());
    }

    /** Lookups with their own SDK clients pointed at an endpoint serving both EC2 and EKS. */
    static AwsLookups.Builder lookups(URI endpoint) {
        return AwsLookups.builder().region(REGION).credentialsProvider(CREDENTIALS)
                .ec2Endpoint(endpoint).eksEndpoint(endpoint);
    }

    FakeAws on(String route, Reply... answers) {
        replies.put(route, new ArrayDeque<>(Arrays.asList(answers)));
        return this;
    }

    List<Request> requests(String route) {
        return requests.stream().filter(r -> r.route().equals(route)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String route = method.equals("POST") && path.equals("/")
                    ? "ec2:" + new Request("", method, path, body).form().get("Action")
                    : method + " " + path;
            requests.add(new Request(route, method, path, body));
            Reply reply = next(route);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Reply next(String route) {
        Deque<Reply> queue = replies.get(route);
        if (queue == null) {
            return Reply.eksError(501, "NotImplemented", "FakeAws has no reply for " + route);
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
