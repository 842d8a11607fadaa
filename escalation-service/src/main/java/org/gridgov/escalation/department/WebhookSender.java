package org.gridgov.escalation.department;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.gridgov.common.messaging.Failures;
import org.gridgov.common.pii.PersonalData;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Sends the pending webhook deliveries: an HTTP POST of the CloudEvent in structured mode
 * ({@code application/cloudevents+json}), signed ({@link WebhookSignature}). A 2xx answer
 * delivers it; anything else (another status, a refused connection, a timeout) is tried again
 * after a wait that doubles from {@code initial-backoff} up to {@code max-backoff}, and after
 * {@code max-attempts} the delivery is dead-lettered (status DEAD) for an admin to see and
 * redrive.
 * <p>
 * Deliveries are rows, so a restart loses none: what was not acknowledged is sent again (at
 * least once; the CloudEvents id lets the department drop a duplicate). A department's facts
 * about one event go out in the order they were written: a delivery waits while an earlier one
 * of the same event is pending. Each round takes the first due delivery of every department,
 * sends them side by side, and holds their rows locked ({@code for update skip locked}), so
 * several replicas never send one delivery at once.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    @Inject
    EntityManager em;

    @Inject
    WebhookConfig config;

    @Inject
    PersonalData crypto;

    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private HttpClient http;

    void start(@Observes StartupEvent ev) {
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "webhook-sender");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        signal.release();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called after a commit that wrote deliveries. */
    public void wakeUp() {
        signal.release();
    }

    private void run() {
        while (running) {
            try {
                signal.tryAcquire(config.poll().toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                while (running && round() > 0) {
                    // go on while there is work
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("webhook sender: %s", e.toString());
                if (Failures.isTransient(e)) {
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    /** Sends the first due delivery of each department; returns how many were tried. */
    public int round() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew().timeout((int) config.timeout().toSeconds() + 30).call(() -> {
            @SuppressWarnings("unchecked")
            List<WebhookDelivery> due = em.createNativeQuery("select * from webhook_delivery where id in ("
                    + "select distinct on (d.department_code) d.id from webhook_delivery d where d.status = 'PENDING' "
                    + "and d.next_attempt_at <= :now and not exists (select 1 from webhook_delivery e where e.status = 'PENDING' "
                    + "and e.department_code = d.department_code and e.message_key = d.message_key and e.seq < d.seq) "
                    + "order by d.department_code, d.seq) for update skip locked", WebhookDelivery.class)
                    .setParameter("now", now).getResultList();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (WebhookDelivery d : due) {
                DepartmentWebhook w = DepartmentWebhook.findById(d.departmentCode);
                if (w == null) {
                    failed(d, null, "department " + d.departmentCode + " has no webhook any more", true);
                    continue;
                }
                sent.add(send(d, w.url, crypto.decrypt(w.secret)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            return due.size();
        });
    }

    private CompletableFuture<Void> send(WebhookDelivery d, String url, String secret) {
        byte[] body = d.body.getBytes(StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis() / 1000;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                    .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                    .header(WebhookSignature.TIMESTAMP, Long.toString(ts))
                    .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, ts, body))
                    .header(WebhookSignature.DELIVERY, d.id.toString())
                    .header("User-Agent", "gridgov-escalation-service")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException e) {
            failed(d, null, "invalid URL: " + e.getMessage(), false);
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
            if (e == null && r.statusCode() / 100 == 2) {
                d.attempts++;
                d.status = WebhookDelivery.Status.DELIVERED;
                d.deliveredAt = OffsetDateTime.now(ZoneOffset.UTC);
                d.lastStatus = r.statusCode();
                d.lastError = null;
            } else if (e == null) {
                failed(d, r.statusCode(), "HTTP " + r.statusCode(), false);
            } else {
                failed(d, null, String.valueOf(e.getCause() == null ? e : e.getCause()), false);
            }
            return null;
        });
    }

    /** Counts a failed attempt: tried again after the backoff, or dead-lettered after the last attempt (or at once). */
    private void failed(WebhookDelivery d, Integer status, String error, boolean forGood) {
        d.attempts++;
        d.lastStatus = status;
        d.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (forGood || d.attempts >= config.maxAttempts()) {
            d.status = WebhookDelivery.Status.DEAD;
            d.deadAt = now;
            LOG.errorf("webhook delivery %s (%s) to department %s dead-lettered after %d attempt(s): %s", d.id, d.type,
                    d.departmentCode, d.attempts, d.lastError);
        } else {
            d.nextAttemptAt = now.plus(backoff(d.attempts));
        }
    }

    /** the wait after the n-th failed attempt */
    Duration backoff(int failedAttempts) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(failedAttempts - 1, 30));
        return wait.compareTo(config.maxBackoff()) > 0 || wait.isNegative() ? config.maxBackoff() : wait;
    }
}
