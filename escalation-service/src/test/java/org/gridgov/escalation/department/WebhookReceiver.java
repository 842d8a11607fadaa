package org.gridgov.escalation.department;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A department's system as a test plays it: a real HTTP server (the JDK's) at /hook/{department}
 * that verifies each request's signature as docs/integration/department-webhook.md tells a
 * department to, answers 500 while told to fail, and keeps a request waiting while told to hang.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** one request as received */
    public record Request(String department, Map<String, String> headers, String body, boolean signatureValid, int answered) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    /** failures still to answer per department; negative: fail for ever */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** departments whose requests wait until the latch is released (a server that hangs) */
    private final Map<String, CountDownLatch> hangs = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** bodies of the requests that arrived and wait, while their department hangs */
    public final List<String> waiting = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook/", this::handle);
        // one thread per request: a department that hangs holds up no other
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url(String department) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + department;
    }

    public void secret(String department, String secret) {
        secrets.put(department, secret);
    }

    public void fail(String department, int times) {
        failures.put(department, times);
    }

    /** the department's requests wait until the latch returned is counted down */
    public CountDownLatch hang(String department) {
        CountDownLatch l = new CountDownLatch(1);
        hangs.put(department, l);
        return l;
    }

    public List<Request> of(String department, String eventId) {
        return requests.stream().filter(r -> r.department().equals(department) && r.body().contains(eventId)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String department = x.getRequestURI().getPath().substring("/hook/".length());
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();
        }
        CountDownLatch hang = hangs.get(department);
        if (hang != null) {
            String text = new String(body, StandardCharsets.UTF_8);
            waiting.add(text);
            try {
                hang.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waiting.remove(text);
            hangs.remove(department, hang);
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        boolean valid = verify(secrets.get(department), headers.get("x-gridgov-timestamp"), headers.get("x-gridgov-signature"), body);
        int left = failures.getOrDefault(department, 0);
        int status;
        if (!valid) {
            status = 401;
        } else if (left != 0) {
            failures.put(department, left > 0 ? left - 1 : left);
            status = 500;
        } else {
            status = 204;
        }
        requests.add(new Request(department, headers, new String(body, StandardCharsets.UTF_8), valid, status));
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    /** what a department does: HMAC-SHA256 over timestamp + "." + body, compared in constant time, and a recent timestamp */
    public static boolean verify(String secret, String timestamp, String signature, byte[] body) {
        if (secret == null || timestamp == null || signature == null
                || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
