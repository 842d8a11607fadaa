package org.gridgov.common.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridgov.common.schedule.PeriodicTask;
import org.gridgov.common.tx.Transactions;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Publishes committed outbox rows to Kafka in commit order, then marks them sent.
 * <ul>
 * <li>Wakes as soon as a transaction that wrote to the outbox commits; a slow fallback poll picks
 * up rows left by a crashed instance.</li>
 * <li>Idempotent producer with {@code acks=all}; a row is marked sent only after the broker has
 * acknowledged it, so a crash in between re-sends it (at least once; consumers deduplicate).</li>
 * <li>Several replicas may run: a PostgreSQL advisory lock lets one relay at a time drain the
 * table, which keeps the per-key order.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant identifying the relay's advisory lock within a service's database. */
    private static final long RELAY_LOCK = 0x67726964L;
    /** failed drains of one row, while others went through, before it is parked */
    private static final int PARK_AFTER = 5;

    @Inject
    EntityManager em;

    @Inject
    KafkaSettings kafka;

    @Inject
    TopicBootstrap topicBootstrap;

    @Inject
    MessagingConfig messaging;

    @Inject
    MeterRegistry meters;

    private final AtomicLong published = new AtomicLong();
    private volatile String lastError;
    private volatile Duration oldestPending = Duration.ZERO;
    private volatile long parked;
    /** rows that failed while others were sent: the broker is up, the row is the problem */
    private final Map<UUID, Integer> rowFailures = new HashMap<>();
    private volatile long nextPurge = System.currentTimeMillis() + 60_000;
    private volatile long nextGauge;
    private PeriodicTask task;
    private KafkaProducer<String, CloudEvent> producer;

    void start(@Observes StartupEvent ev) {
        Gauge.builder("gridgov.outbox.pending.oldest.seconds", this, r -> r.oldestPending.toMillis() / 1000.0)
                .description("age of the oldest outbox row not yet published").register(meters);
        Gauge.builder("gridgov.outbox.parked", this, r -> r.parked)
                .description("outbox rows the broker refused for good, waiting for an admin").register(meters);
        FunctionCounter.builder("gridgov.outbox.published", published, AtomicLong::get)
                .description("outbox rows published").register(meters);
        if (!messaging.relay().enabled()) {
            LOG.info("outbox relay disabled");
            return;
        }
        topicBootstrap.ensureTopics();
        Map<String, Object> props = kafka.common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // an unknown topic fails its row within 10 s instead of holding the relay for a minute
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName());
        producer = new KafkaProducer<>(props);
        task = PeriodicTask.worker("outbox-relay", () -> messaging.relay().fallbackPoll(), this::round, e -> {
            lastError = e.toString();
            nextGauge = measureQuietly(nextGauge);
        });
    }

    void stop(@Observes ShutdownEvent ev) {
        if (task != null) {
            task.stop();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that wrote outbox rows. */
    public void wakeUp() {
        if (task != null) {
            task.wakeUp();
        }
    }

    /** Messages published since start. */
    public long published() {
        return published.get();
    }

    /** The last publish error, null when the last attempt succeeded. */
    public String lastError() {
        return lastError;
    }

    /** one batch; true when a full batch went out (more may be waiting) */
    private boolean round() {
        nextGauge = measureQuietly(nextGauge);
        int n = drainOnce();
        lastError = null;
        if (System.currentTimeMillis() > nextPurge) {
            purge();
            nextPurge = System.currentTimeMillis() + 600_000;
        }
        return n >= messaging.relay().batchSize();
    }

    /**
     * Publishes one batch of pending rows; returns how many were handled. A row the broker refuses
     * for good (too large, unknown topic, not authorised, or failing again and again while the rows
     * around it go through) is parked with its error, so it does not hold up the rest.
     */
    int drainOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:k)")
                    .setParameter("k", RELAY_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<OutboxMessage> batch = em.createNativeQuery(
                    "select * from outbox_message where sent_at is null and parked_at is null order by seq limit :n", OutboxMessage.class)
                    .setParameter("n", messaging.relay().batchSize()).getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (OutboxMessage m : batch) {
                acks.add(send(m));
            }
            producer.flush();
            List<Long> sent = new ArrayList<>(batch.size());
            Exception outage = null;
            Map<OutboxMessage, Exception> failed = new LinkedHashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                try {
                    acks.get(i).get(30, TimeUnit.SECONDS);
                    sent.add(batch.get(i).seq);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    failed.put(batch.get(i), e.getCause() instanceof Exception c ? c : e);
                }
            }
            for (Map.Entry<OutboxMessage, Exception> f : failed.entrySet()) {
                OutboxMessage m = f.getKey();
                boolean forGood = !Failures.isTransient(f.getValue())
                        || !sent.isEmpty() && rowFailures.merge(m.eventId, 1, Integer::sum) >= PARK_AFTER;
                if (forGood) {
                    park(m, f.getValue());
                } else {
                    outage = f.getValue();
                }
            }
            // exactly the rows published: a row with a seq inside this range whose transaction commits
            // later was not in the batch and must stay pending
            if (!sent.isEmpty()) {
                em.createNativeQuery("update outbox_message set sent_at = now() where seq in (:seqs)")
                        .setParameter("seqs", sent).executeUpdate();
                batch.forEach(m -> rowFailures.remove(m.eventId));
            }
            published.addAndGet(sent.size());
            if (outage != null && sent.isEmpty()) {
                throw new IllegalStateException("broker unavailable: " + outage, outage);
            }
            return batch.size();
        });
    }

    private Future<RecordMetadata> send(OutboxMessage m) {
        try {
            return producer.send(new ProducerRecord<>(m.topic, m.messageKey, toCloudEvent(m)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void park(OutboxMessage m, Exception e) {
        rowFailures.remove(m.eventId);
        String error = String.valueOf(e);
        LOG.errorf("outbox relay: %s %s to %s refused for good, parked: %s", m.type, m.eventId, m.topic, error);
        em.createNativeQuery("update outbox_message set parked_at = now(), park_error = :e where seq = :s")
                .setParameter("e", error.length() > 2000 ? error.substring(0, 2000) : error).setParameter("s", m.seq).executeUpdate();
        parked++;
    }

    private long measureQuietly(long due) {
        if (System.currentTimeMillis() < due) {
            return due;
        }
        try {
            measure();
        } catch (RuntimeException e) {
            // the database is unavailable: keep the last figures, try again in 5 s
        }
        return System.currentTimeMillis() + 5_000;
    }

    /** Age of the oldest row waiting, and the rows parked; for metrics and health. */
    void measure() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<?> oldest = em.createNativeQuery("select ce_time from outbox_message where sent_at is null and parked_at is null "
                    + "order by seq limit 1").getResultList();
            oldestPending = oldest.isEmpty() ? Duration.ZERO
                    : Duration.between(Transactions.offset(oldest.get(0)).toInstant(), org.gridgov.common.clock.SuiteClock.clock().instant());
            parked = ((Number) em.createNativeQuery("select count(*) from outbox_message where parked_at is not null and sent_at is null")
                    .getSingleResult()).longValue();
        });
    }

    /** Age of the oldest row waiting to be published, as last measured (every 5 s). */
    public Duration oldestPending() {
        return oldestPending;
    }

    /** Rows parked, as last measured. */
    public long parked() {
        return parked;
    }

    /** Whether the relay thread runs (false when disabled or dead). */
    public boolean running() {
        return task != null && task.running();
    }

    private void purge() {
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("delete from outbox_message where sent_at < :cutoff")
                .setParameter("cutoff", OffsetDateTime.now(ZoneOffset.UTC).minus(messaging.relay().retention())).executeUpdate());
    }

    static CloudEvent toCloudEvent(OutboxMessage m) {
        CloudEventBuilder b = CloudEventBuilder.v1()
                .withId(m.eventId.toString())
                .withSource(URI.create(m.source))
                .withType(m.type)
                .withTime(m.time)
                .withData("application/json", m.payload.getBytes(StandardCharsets.UTF_8));
        if (m.subject != null) {
            b.withSubject(m.subject);
        }
        if (m.dataSchema != null) {
            b.withDataSchema(URI.create(m.dataSchema));
        }
        if (m.handlerUnit != null) {
            b.withExtension(CloudEventAttributes.HANDLER_UNIT, m.handlerUnit);
        }
        return b.build();
    }
}
