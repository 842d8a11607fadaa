package org.gridgov.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server standing in for event-service (it records what it was sent and answers with it), and a demo
 * tokens file as {@code ./run.sh} writes it.
 */
public class PartnerServices implements QuarkusTestResourceLifecycleManager {
    /** what the stand-in received: method, path?query, Authorization, Idempotency-Key, body */
    public static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** an unsigned token with these claims: the console reads it, only the services verify it */
    public static String token(String user, String roles, String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = "{\"upn\":\"" + user + "\",\"groups\":[" + roles + "]" + (claims.isEmpty() ? "" : "," + claims)
                + ",\"exp\":4102444800}";
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                RECEIVED.add(Map.of("method", ex.getRequestMethod(), "uri", ex.getRequestURI().toString(),
                        "authorization", auth == null ? "" : auth,
                        "idempotencyKey", String.valueOf(ex.getRequestHeaders().getFirst("Idempotency-Key")), "body", body));
                byte[] out;
                int status;
                if (auth == null) {
                    status = 401;
                    out = "{\"status\":401,\"title\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("Content-Type", "application/problem+json");
                } else {
                    status = ex.getRequestMethod().equals("POST") ? 201 : 200;
                    out = ("{\"path\":\"" + ex.getRequestURI() + "\",\"note\":\"已受理\"}").getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
                    ex.getResponseHeaders().add("X-Next-Cursor", "c-2");
                }
                ex.sendResponseHeaders(status, out.length);
                ex.getResponseBody().write(out);
                ex.close();
            });
            server.start();
            Path tokens = Files.createTempFile("tokens", ".env");
            Files.writeString(tokens, "# tokens for the demo users\n# worker-1: grid_worker\nexport TOKEN_WORKER_1="
                    + token("worker-1", "\"grid_worker\"", "\"grids\":[\"350182001001001\"]") + "\nexport TOKEN_OPERATOR_1="
                    + token("operator-1", "\"operator\"", "\"district\":[\"350182\"]") + "\n");
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of("gridgov.console.services.event", url, "gridgov.console.services.grid", url,
                    "gridgov.console.demo-tokens", tokens.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
