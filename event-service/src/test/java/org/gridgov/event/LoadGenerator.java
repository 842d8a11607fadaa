package org.gridgov.event;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/**
 * The benchmark's load generator, in a JVM of its own, as clients are in production. In the
 * service's JVM it would share the JIT compiler's profiles of Vert.x and Netty with the HTTP server
 * (client and server use the same classes with different types), and the compiler would keep
 * throwing away and recompiling the server's code: work the service would not do in production.
 * <p>
 * The parent starts it once and hands it runs: the requests are written to a file before the clock
 * starts, and the child sends them over HTTP/1.1 keep-alive connections with Vert.x's client on one
 * event loop, each connection one request after the other (closed loop). Every answer must be 2xx.
 */
final class LoadGenerator implements AutoCloseable {
    /** One request of a run, made before the clock starts so that the load generator only sends. */
    record Req(HttpMethod method, String uri, Map<String, String> headers, byte[] body) {
        static Req get(String uri, String... headers) {
            return new Req(HttpMethod.GET, uri, pairs(headers), null);
        }

        static Req post(String uri, String body, String... headers) {
            return new Req(HttpMethod.POST, uri, pairs(headers), body.getBytes(StandardCharsets.UTF_8));
        }

        private static Map<String, String> pairs(String... kv) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                m.put(kv[i], kv[i + 1]);
            }
            return m;
        }
    }

    /** What a run measured: its wall time and each request's latency. */
    record Result(double seconds, long[] nanos) {
    }

    private final Process process;
    private final BufferedReader replies;
    private final PrintStream commands;
    private final Path dir;

    private LoadGenerator(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Starts the generator's JVM, aimed at the service on this port. */
    static LoadGenerator start(int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder b = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LoadGenerator.class.getName(), String.valueOf(port)).redirectError(ProcessBuilder.Redirect.INHERIT);
        // options meant for the service (a profiler, say) are not the generator's
        b.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = b.start();
        LoadGenerator g = new LoadGenerator(p, Files.createTempDirectory("gridgov-load"));
        g.expect("started");
        return g;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Runs the requests from {@code clients} connections. {@code measure} is called once the child
     * is ready to send and again when the last answer is in, so that CPU readings bracket the run.
     */
    Result run(int clients, List<Req> requests, Runnable measure) throws IOException {
        Path in = dir.resolve("requests.bin");
        Path out = dir.resolve("result.bin");
        write(requests, in);
        commands.println("load " + clients + " " + in + " " + out);
        expect("ready");
        measure.run();
        commands.println("go");
        expect("done");
        measure.run();
        try (DataInputStream r = new DataInputStream(Files.newInputStream(out))) {
            double seconds = r.readDouble();
            long[] ns = new long[r.readInt()];
            for (int i = 0; i < ns.length; i++) {
                ns[i] = r.readLong();
            }
            return new Result(seconds, ns);
        }
    }

    private void expect(String what) throws IOException {
        String line = replies.readLine();
        if (!what.equals(line)) {
            throw new IllegalStateException("load generator: expected " + what + ", got " + line);
        }
    }

    @Override
    public void close() throws Exception {
        commands.println("quit");
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void write(List<Req> requests, Path file) throws IOException {
        try (DataOutputStream w = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            w.writeInt(requests.size());
            for (Req r : requests) {
                w.writeUTF(r.method().name());
                w.writeUTF(r.uri());
                w.writeInt(r.headers().size());
                for (var h : r.headers().entrySet()) {
                    w.writeUTF(h.getKey());
                    w.writeUTF(h.getValue());
                }
                w.writeInt(r.body() == null ? -1 : r.body().length);
                if (r.body() != null) {
                    w.write(r.body());
                }
            }
        }
    }

    private static List<Req> read(Path file) throws IOException {
        try (DataInputStream r = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = r.readInt();
            List<Req> requests = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                HttpMethod method = HttpMethod.valueOf(r.readUTF());
                String uri = r.readUTF();
                Map<String, String> headers = new LinkedHashMap<>();
                for (int h = r.readInt(); h > 0; h--) {
                    headers.put(r.readUTF(), r.readUTF());
                }
                int length = r.readInt();
                byte[] body = length < 0 ? null : r.readNBytes(length);
                requests.add(new Req(method, uri, headers, body));
            }
            return requests;
        }
    }

    /** The child: {@code load <clients> <requests> <result>}, then {@code go}; {@code quit} ends it. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        stdout.println("started");
        for (String line = stdin.readLine(); line != null && !line.equals("quit"); line = stdin.readLine()) {
            String[] c = line.split(" ");
            int clients = Integer.parseInt(c[1]);
            List<Req> requests = read(Path.of(c[2]));
            List<Buffer> bodies = requests.stream().map(q -> q.body() == null ? null : Buffer.buffer(q.body())).toList();
            // HTTP/1.1 with keep-alive, as behind an ingress; one connection per client
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port)
                    .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(clients));
            stdout.println("ready");
            if (!"go".equals(stdin.readLine())) {
                break;
            }
            long[] ns = new long[requests.size()];
            CompletableFuture<Void> all = new CompletableFuture<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            long t0 = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                vertx.runOnContext(v -> sendNext(http, requests, bodies, ns, next, done, all));
            }
            all.get(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try (DataOutputStream w = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(c[3]))))) {
                w.writeDouble(seconds);
                w.writeInt(ns.length);
                for (long x : ns) {
                    w.writeLong(x);
                }
            }
            stdout.println("done");
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static void sendNext(HttpClient http, List<Req> requests, List<Buffer> bodies, long[] ns, AtomicInteger next,
            AtomicInteger done, CompletableFuture<Void> all) {
        int i = next.getAndIncrement();
        if (i >= requests.size() || all.isDone()) {
            return;
        }
        Req r = requests.get(i);
        Buffer body = bodies.get(i);
        long start = System.nanoTime();
        http.request(r.method(), r.uri()).compose(req -> {
            r.headers().forEach(req::putHeader);
            return body == null ? req.send() : req.send(body);
        }).compose(resp -> resp.body().map(b -> {
            if (resp.statusCode() / 100 != 2) {
                throw new IllegalStateException(r.method() + " " + r.uri() + " " + resp.statusCode() + " " + b);
            }
            return b;
        })).onComplete(ar -> {
            if (ar.failed()) {
                all.completeExceptionally(ar.cause());
                return;
            }
            ns[i] = System.nanoTime() - start;
            if (done.incrementAndGet() == requests.size()) {
                all.complete(null);
            } else {
                sendNext(http, requests, bodies, ns, next, done, all);
            }
        });
    }
}
