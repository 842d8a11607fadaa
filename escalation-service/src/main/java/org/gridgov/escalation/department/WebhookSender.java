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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.schedule.PeriodicTask;
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
 * of the same event is pending. Each round takes the first due delivery of every department and
 * sends them side by side, in three steps, so that no database transaction waits on a
 * department's server:
 * <ol>
 * <li>claim: in a short transaction, lock the due rows ({@code for update skip locked}) and lease
 * them, by moving their next attempt past the time a POST may take; another replica skips them;</li>
 * <li>send, outside any transaction;</li>
 * <li>record each outcome in a second short transaction. A crash before that leaves the row
 * pending: it is sent again once the lease runs out.</li>
 * </ol>
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

    private PeriodicTask task;
    private HttpClient http;

    /** one claimed delivery: where it goes and what came back */
    private record Attempt(UUID id, String url, String secret, byte[] body, int attempts) {
    }

    /** a 2xx status, another status, or an error without one */
    private record Outcome(Integer status, String error) {
        boolean delivered() {
            return error == null && status != null && status / 100 == 2;
        }
    }

    void start(@Observes StartupEvent ev) {
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        if (config.enabled()) {
            task = PeriodicTask.worker("webhook-sender", config::poll, () -> round() > 0, null);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (task != null) {
            task.stop();
        }
    }

    /** Called after a commit that wrote deliveries. */
    public void wakeUp() {
        if (task != null) {
            task.wakeUp();
        }
    }

    /** Sends the first due delivery of each department; returns how many were tried. */
    public int round() {
        List<Attempt> claimed = claim();
        List<CompletableFuture<Outcome>> outcomes = claimed.stream().map(this::send).toList();
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).join();
        if (!claimed.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < claimed.size(); i++) {
                    record(claimed.get(i), outcomes.get(i).join());
                }
            });
        }
        return claimed.size();
    }

    /** locks the due deliveries, leases them past the time a POST may take, and commits */
    private List<Attempt> claim() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime leaseEnd = now.plus(config.timeout().multipliedBy(2)).plusSeconds(30);
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<WebhookDelivery> due = em.createNativeQuery("select * from webhook_delivery where id in ("
                    + "select distinct on (d.department_code) d.id from webhook_delivery d where d.status = 'PENDING' "
                    + "and d.next_attempt_at <= :now and not exists (select 1 from webhook_delivery e where e.status = 'PENDING' "
                    + "and e.department_code = d.department_code and e.message_key = d.message_key and e.seq < d.seq) "
                    + "order by d.department_code, d.seq) for update skip locked", WebhookDelivery.class)
                    .setParameter("now", now).getResultList();
            List<Attempt> claimed = new ArrayList<>(due.size());
            for (WebhookDelivery d : due) {
                DepartmentWebhook w = DepartmentWebhook.findById(d.departmentCode);
                if (w == null) {
                    failed(d, new Outcome(null, "department " + d.departmentCode + " has no webhook any more"), true);
                    continue;
                }
                d.nextAttemptAt = leaseEnd;
                claimed.add(new Attempt(d.id, w.url, crypto.decrypt(w.secret), d.body.getBytes(StandardCharsets.UTF_8), d.attempts));
            }
            return claimed;
        });
    }

    private CompletableFuture<Outcome> send(Attempt a) {
        long ts = System.currentTimeMillis() / 1000;
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(a.url())).timeout(config.timeout())
                    .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                    .header(WebhookSignature.TIMESTAMP, Long.toString(ts))
                    .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(a.secret(), ts, a.body()))
                    .header(WebhookSignature.DELIVERY, a.id().toString())
                    .header("User-Agent", "gridgov-escalation-service")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(a.body())).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Outcome(null, "invalid URL: " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> e == null
                ? new Outcome(r.statusCode(), r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode())
                : new Outcome(null, String.valueOf(e.getCause() == null ? e : e.getCause())));
    }

    /** writes one attempt's outcome, unless an admin changed the row meanwhile (redrive, or it is no longer pending) */
    private void record(Attempt a, Outcome o) {
        WebhookDelivery d = em.find(WebhookDelivery.class, a.id(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (d == null || d.status != WebhookDelivery.Status.PENDING || d.attempts != a.attempts()) {
            return;
        }
        if (o.delivered()) {
            d.attempts++;
            d.status = WebhookDelivery.Status.DELIVERED;
            d.deliveredAt = OffsetDateTime.now(ZoneOffset.UTC);
            d.lastStatus = o.status();
            d.lastError = null;
        } else {
            failed(d, o, false);
        }
    }

    /** Counts a failed attempt: tried again after the backoff, or dead-lettered after the last attempt (or at once). */
    private void failed(WebhookDelivery d, Outcome o, boolean forGood) {
        d.attempts++;
        d.lastStatus = o.status();
        d.lastError = o.error().length() > 2000 ? o.error().substring(0, 2000) : o.error();
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
