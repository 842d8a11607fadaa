package org.gridgov.common.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridgov.common.contract.Topics;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Idempotent CloudEvent consumers. Each subscription is one consumer-group member on its own
 * thread. For every record: in one transaction, the CloudEvent id is inserted into
 * {@code inbox_message} (consumer, id) and, only if it was new, the handler runs. Offsets are
 * committed after the transaction, so a crash redelivers, and the inbox makes the redelivery a
 * no-op. A record that cannot be read or keeps failing goes to the consumer's dead-letter topic
 * with the reason in headers; nothing is dropped silently.
 */
@ApplicationScoped
public class CloudEventConsumers {
    private static final Logger LOG = Logger.getLogger(CloudEventConsumers.class);

    @Inject
    KafkaSettings kafka;

    @Inject
    EntityManager em;

    @Inject
    TopicBootstrap topicBootstrap;

    @ConfigProperty(name = "gridgov.messaging.consumer.max-attempts", defaultValue = "5")
    int maxAttempts;

    @ConfigProperty(name = "gridgov.messaging.consumer.pattern-refresh", defaultValue = "30s")
    Duration patternRefresh;

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile KafkaProducer<String, byte[]> deadLetters;

    /**
     * Starts a consumer.
     *
     * @param name    consumer name, also its consumer group id and its inbox key, e.g. {@code event-service.grid-replica}
     * @param topics  topics to read from the beginning (on first start)
     * @param handler the effect; runs in the inbox transaction
     */
    public void subscribe(String name, Collection<String> topics, CloudEventHandler handler) {
        start(new Subscription(name, List.copyOf(topics), null, (topic, e) -> handler.handle(e)));
    }

    /**
     * Starts a consumer of every topic whose name matches, including topics created later (seen
     * within {@code gridgov.messaging.consumer.pattern-refresh}, 30 s).
     */
    public void subscribe(String name, java.util.regex.Pattern topics, TopicEventHandler handler) {
        start(new Subscription(name, null, topics, handler));
    }

    private void start(Subscription s) {
        topicBootstrap.ensureTopics();
        topicBootstrap.ensure(List.of(Topics.deadLetterSpec(s.name)));
        subscriptions.add(s);
        s.thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        subscriptions.forEach(Subscription::stop);
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Runs the handler unless this consumer has processed the event before. Public so that
     * non-Kafka entry points (tests, replays) get the same guarantee.
     *
     * @return true if the handler ran, false for a duplicate
     */
    public boolean processOnce(String consumer, CloudEvent event, CloudEventHandler handler) {
        return processOnce(consumer, null, event, (topic, e) -> handler.handle(e));
    }

    private boolean processOnce(String consumer, String topic, CloudEvent event, TopicEventHandler handler) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("insert into inbox_message (consumer, event_id, event_type, event_source) "
                    + "values (:c, :id, :type, :source) on conflict do nothing")
                    .setParameter("c", consumer).setParameter("id", event.getId())
                    .setParameter("type", event.getType()).setParameter("source", String.valueOf(event.getSource()))
                    .executeUpdate();
            if (inserted == 0) {
                return false;
            }
            handler.handle(topic, event);
            return true;
        });
    }

    private synchronized KafkaProducer<String, byte[]> deadLetters() {
        if (deadLetters == null) {
            Map<String, Object> props = kafka.common();
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            deadLetters = new KafkaProducer<>(props);
        }
        return deadLetters;
    }

    private final class Subscription {
        final String name;
        final List<String> topics;
        final java.util.regex.Pattern pattern;
        final TopicEventHandler handler;
        final Thread thread;
        final CloudEventDeserializer deserializer = new CloudEventDeserializer();
        volatile boolean running = true;
        volatile KafkaConsumer<String, byte[]> consumer;

        Subscription(String name, List<String> topics, java.util.regex.Pattern pattern, TopicEventHandler handler) {
            this.name = name;
            this.topics = topics;
            this.pattern = pattern;
            this.handler = handler;
            this.thread = new Thread(this::run, "consumer-" + name);
            this.thread.setDaemon(true);
        }

        void stop() {
            running = false;
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void run() {
            while (running) {
                try {
                    consume();
                } catch (WakeupException e) {
                    // stopping
                } catch (Exception e) {
                    if (running) {
                        LOG.warnf(e, "consumer %s failed; restarting in 1 s", name);
                        sleep(1_000);
                    }
                }
            }
        }

        private void consume() {
            Map<String, Object> props = kafka.common();
            props.put(ConsumerConfig.GROUP_ID_CONFIG, name);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
            // a member killed with -9 leaves the group quickly, so its partitions move on
            props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
            props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            // a pattern subscription sees a topic created later at the next metadata refresh
            props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) patternRefresh.toMillis());
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
                consumer = c;
                if (pattern != null) {
                    c.subscribe(pattern);
                } else {
                    c.subscribe(topics);
                }
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) {
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> r : records) {
                        handle(r);
                    }
                    c.commitSync();
                }
            } finally {
                consumer = null;
            }
        }

        private void handle(ConsumerRecord<String, byte[]> r) {
            CloudEvent event;
            try {
                event = deserializer.deserialize(r.topic(), r.headers(), r.value());
            } catch (RuntimeException e) {
                deadLetter(r, "not a CloudEvent: " + e.getMessage());
                return;
            }
            Exception last = null;
            for (int attempt = 1; attempt <= maxAttempts && running; attempt++) {
                try {
                    processOnce(name, r.topic(), event, handler);
                    return;
                } catch (RejectedMessage e) {
                    deadLetter(r, "rejected: " + e.getMessage());
                    return;
                } catch (Exception e) {
                    if (e.getCause() instanceof RejectedMessage rejected) {
                        deadLetter(r, "rejected: " + rejected.getMessage());
                        return;
                    }
                    last = e;
                    LOG.warnf("consumer %s: %s %s attempt %d failed: %s", name, event.getType(), event.getId(), attempt, e);
                    if (attempt < maxAttempts) {
                        sleep(100L << Math.min(attempt, 5));
                    }
                }
            }
            if (!running) {
                throw new WakeupException();
            }
            deadLetter(r, String.valueOf(last));
        }

        private void deadLetter(ConsumerRecord<String, byte[]> r, String reason) {
            String topic = Topics.deadLetter(name);
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers());
            out.headers().add("dlt_reason", reason.getBytes(StandardCharsets.UTF_8));
            out.headers().add("dlt_origin", (r.topic() + "/" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
            try {
                deadLetters().send(out).get(30, TimeUnit.SECONDS);
                LOG.errorf("consumer %s: %s/%d@%d dead-lettered to %s: %s", name, r.topic(), r.partition(), r.offset(), topic, reason);
            } catch (Exception e) {
                // not acknowledged: do not move past the record
                throw new IllegalStateException("dead-letter publish failed for " + r.topic() + "@" + r.offset(), e);
            }
        }

        private void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Names of the running subscriptions, for health and diagnostics. */
    public List<String> running() {
        List<String> names = new ArrayList<>();
        subscriptions.forEach(s -> {
            if (s.thread.isAlive()) {
                names.add(s.name);
            }
        });
        return names;
    }
}
