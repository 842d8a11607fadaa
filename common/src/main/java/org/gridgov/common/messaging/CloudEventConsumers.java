package org.gridgov.common.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridgov.common.contract.Topics;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Idempotent CloudEvent consumers. Each subscription is one consumer-group member on its own
 * thread ({@link Subscription}). A poll's records are handled in one transaction: their ids go into
 * {@code inbox_message} (consumer, source, id) and the handler runs for those that were new, so a
 * redelivery has no second effect. Offsets are committed after the transaction. What cannot be
 * processed because of its own content goes to the consumer's dead-letter topic with the reason in
 * headers; a database or broker outage is waited out. Nothing is dropped silently.
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

    @Inject
    MessagingConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    ObjectMapper mapper;

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile KafkaProducer<String, byte[]> deadLetters;

    /**
     * Starts a consumer.
     *
     * @param name     consumer name, also its consumer group id and its inbox key, e.g. {@code event-service.grid-replica}
     * @param topics   topics to read from the beginning (on first start)
     * @param handlers the effect per type; runs in the inbox transaction
     */
    public void subscribe(String name, Collection<String> topics, Handlers handlers) {
        start(new Subscription(name, List.copyOf(topics), null, compile(handlers), this, config.consumer()));
    }

    /**
     * Starts a consumer of every topic whose name matches, including topics created later (seen
     * within {@code gridgov.messaging.consumer.pattern-refresh}).
     */
    public void subscribe(String name, Pattern topics, Handlers handlers) {
        start(new Subscription(name, null, topics, compile(handlers), this, config.consumer()));
    }

    private TopicEventHandler compile(Handlers handlers) {
        return new TopicEventHandler() {
            @Override
            public void handle(String topic, CloudEvent event) throws Exception {
                handlers.dispatch(topic, event, mapper);
            }

            @Override
            public boolean wants(CloudEvent event) {
                return handlers.wants(event);
            }
        };
    }

    private void start(Subscription s) {
        topicBootstrap.ensureTopics();
        topicBootstrap.ensure(List.of(Topics.deadLetterSpec(s.name)));
        subscriptions.add(s);
        registerMeters(s.state);
        s.start();
    }

    private void registerMeters(ConsumerState st) {
        Gauge.builder("gridgov.consumer.stalled.seconds", st, x -> x.stalledFor().toMillis() / 1000.0)
                .description("how long the consumer has been retrying an unavailable database or broker (0: flowing)")
                .tag("consumer", st.name()).register(meters);
        FunctionCounter.builder("gridgov.consumer.processed", st, ConsumerState::processed)
                .description("messages whose effect was applied").tag("consumer", st.name()).register(meters);
        FunctionCounter.builder("gridgov.consumer.skipped", st, ConsumerState::skipped)
                .description("messages skipped: redelivered (the inbox knew them) or of a type the consumer does not handle").tag("consumer", st.name()).register(meters);
        FunctionCounter.builder("gridgov.consumer.retries", st, ConsumerState::retries)
                .description("retries after the database or broker was unavailable").tag("consumer", st.name()).register(meters);
        FunctionCounter.builder("gridgov.consumer.dead.lettered", st, ConsumerState::deadLettered)
                .description("messages sent to the dead-letter topic").tag("consumer", st.name()).register(meters);
    }

    void stop(@Observes ShutdownEvent ev) {
        subscriptions.forEach(Subscription::stop);
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    /** Runs the handler unless this consumer has processed the event before; true if it ran. */
    boolean processOnce(String consumer, String topic, CloudEvent event, TopicEventHandler handler) {
        if (!handler.wants(event)) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            if (recordNew(consumer, List.of(event)).isEmpty()) {
                return false;
            }
            handler.handle(topic, event);
            return true;
        });
    }

    /**
     * One transaction for a poll's records: one statement records the ids of all, the handler runs
     * for each new one in the order polled.
     *
     * @return how many were new
     */
    int processBatch(String consumer, List<Subscription.Item> all, TopicEventHandler handler) {
        List<Subscription.Item> items = all.stream().filter(i -> handler.wants(i.event())).toList();
        if (items.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> fresh = recordNew(consumer, items.stream().map(Subscription.Item::event).toList());
            int ran = 0;
            for (Subscription.Item item : items) {
                if (fresh.remove(inboxKey(item.event()))) {
                    handler.handle(item.record().topic(), item.event());
                    ran++;
                }
            }
            return ran;
        });
    }

    private static String inboxKey(CloudEvent e) {
        return e.getSource() + "\u0000" + e.getId();
    }

    /** Inserts the events' inbox rows; returns the keys of those not seen before. */
    private Set<String> recordNew(String consumer, List<CloudEvent> events) {
        Map<String, CloudEvent> distinct = new LinkedHashMap<>();
        events.forEach(e -> distinct.putIfAbsent(inboxKey(e), e));
        String[] sources = distinct.values().stream().map(e -> String.valueOf(e.getSource())).toArray(String[]::new);
        String[] ids = distinct.values().stream().map(CloudEvent::getId).toArray(String[]::new);
        String[] types = distinct.values().stream().map(CloudEvent::getType).toArray(String[]::new);
        return em.unwrap(Session.class).doReturningWork(conn -> {
            Set<String> fresh = new HashSet<>();
            try (PreparedStatement ps = conn.prepareStatement("insert into inbox_message (consumer, event_source, event_id, event_type) "
                    + "select ?, s, i, t from unnest(?::text[], ?::text[], ?::text[]) as x(s, i, t) "
                    + "on conflict do nothing returning event_source, event_id")) {
                ps.setString(1, consumer);
                ps.setArray(2, conn.createArrayOf("text", sources));
                ps.setArray(3, conn.createArrayOf("text", ids));
                ps.setArray(4, conn.createArrayOf("text", types));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        fresh.add(rs.getString(1) + "\u0000" + rs.getString(2));
                    }
                }
            }
            return fresh;
        });
    }

    /** Parks a record on the consumer's dead-letter topic; throws unless the broker acknowledged it. */
    void deadLetter(String consumer, ConsumerRecord<String, byte[]> r, String reason) {
        String topic = Topics.deadLetter(consumer);
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers());
        out.headers().remove(DeadLetters.REASON).remove(DeadLetters.ORIGIN);
        out.headers().add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8));
        out.headers().add(DeadLetters.ORIGIN, (r.topic() + "/" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters().send(out).get(30, TimeUnit.SECONDS);
            LOG.errorf("consumer %s: %s/%d@%d dead-lettered to %s: %s", consumer, r.topic(), r.partition(), r.offset(), topic, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("dead-letter publish failed for " + r.topic() + "@" + r.offset(), e);
        }
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

    Optional<Subscription> subscription(String name) {
        return subscriptions.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    /** The state of every subscription of this instance. */
    public List<ConsumerState> states() {
        return subscriptions.stream().map(s -> s.state).toList();
    }

    /** Names of the running subscriptions, for health and diagnostics. */
    public List<String> running() {
        List<String> names = new ArrayList<>();
        subscriptions.forEach(s -> {
            if (s.alive()) {
                names.add(s.name);
            }
        });
        return names;
    }
}
