package org.gridgov.common.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
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

    @Inject
    EntityManager em;

    @Inject
    KafkaSettings kafka;

    @Inject
    TopicBootstrap topicBootstrap;

    @ConfigProperty(name = "gridgov.messaging.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "gridgov.messaging.relay.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "gridgov.messaging.relay.fallback-poll", defaultValue = "1s")
    Duration fallbackPoll;

    @ConfigProperty(name = "gridgov.messaging.relay.retention", defaultValue = "P7D")
    Duration retention;

    private final Semaphore signal = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running;
    private volatile String lastError;
    private Thread thread;
    private KafkaProducer<String, CloudEvent> producer;

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
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
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName());
        producer = new KafkaProducer<>(props);
        running = true;
        thread = new Thread(this::run, "outbox-relay");
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a commit that wrote outbox rows. */
    public void wakeUp() {
        signal.release();
    }

    /** Messages published since start. */
    public long published() {
        return published.get();
    }

    /** The last publish error, null when the last attempt succeeded. */
    public String lastError() {
        return lastError;
    }

    private void run() {
        long backoffMs = 100;
        long nextPurge = System.currentTimeMillis() + 60_000;
        while (running) {
            try {
                signal.tryAcquire(fallbackPoll.toMillis(), TimeUnit.MILLISECONDS);
                signal.drainPermits();
                int n;
                do {
                    n = drainOnce();
                } while (running && n >= batchSize);
                lastError = null;
                backoffMs = 100;
                if (System.currentTimeMillis() > nextPurge) {
                    purge();
                    nextPurge = System.currentTimeMillis() + 600_000;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastError = e.toString();
                if (running) {
                    LOG.warnf("outbox relay: %s; retrying in %d ms", e, backoffMs);
                    try {
                        Thread.sleep(backoffMs);
                    } catch (InterruptedException ie) {
                        return;
                    }
                    backoffMs = Math.min(backoffMs * 2, 5_000);
                }
            }
        }
    }

    /** Publishes one batch of pending rows; returns how many were published. */
    int drainOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:k)")
                    .setParameter("k", RELAY_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<OutboxMessage> batch = em.createNativeQuery(
                    "select * from outbox_message where sent_at is null order by seq limit :n", OutboxMessage.class)
                    .setParameter("n", batchSize).getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (OutboxMessage m : batch) {
                acks.add(producer.send(new ProducerRecord<>(m.topic, m.messageKey, toCloudEvent(m))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
            // exactly the rows published: a row with a seq inside this range whose transaction commits
            // later was not in the batch and must stay pending
            em.createNativeQuery("update outbox_message set sent_at = now() where seq in (:seqs)")
                    .setParameter("seqs", batch.stream().map(m -> m.seq).toList())
                    .executeUpdate();
            published.addAndGet(batch.size());
            return batch.size();
        });
    }

    private void purge() {
        QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("delete from outbox_message where sent_at < :cutoff")
                .setParameter("cutoff", OffsetDateTime.now(ZoneOffset.UTC).minus(retention)).executeUpdate());
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
