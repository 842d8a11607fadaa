package org.gridgov.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * Reads escalation-service's task topic as a partner system would and notes when each event's
 * first TASK_DISPATCHED arrived ({@link System#nanoTime()} of this JVM, the clock the reports were
 * scheduled by). Starts at the topic's end; one thread.
 */
final class DispatchWatcher implements AutoCloseable {
    static final String TOPIC = "gridgov.escalation.task.v1";
    static final String DISPATCHED = "org.gridgov.escalation.task-dispatched.v1";

    private final ConcurrentHashMap<String, CompletableFuture<Long>> seen = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final KafkaConsumer<String, CloudEvent> consumer;
    private final Thread thread;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running = true;

    DispatchWatcher(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(30)));
        thread = new Thread(this::poll, "dispatch-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<String, CloudEvent> r : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                CloudEvent e = r.value();
                if (e == null || !DISPATCHED.equals(e.getType()) || e.getData() == null) {
                    continue;
                }
                try {
                    JsonNode data = json.readTree(new String(e.getData().toBytes(), StandardCharsets.UTF_8));
                    if (future(data.path("eventId").asText()).complete(now)) {
                        count.incrementAndGet();
                    }
                } catch (Exception unreadable) {
                    // not ours to judge
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private CompletableFuture<Long> future(String eventId) {
        return seen.computeIfAbsent(eventId, k -> new CompletableFuture<>());
    }

    /** completes with the nanoTime at which the event's first dispatch was read */
    CompletableFuture<Long> dispatched(String eventId) {
        return future(eventId);
    }

    /** the nanoTime of the event's first dispatch, or null if none was read yet */
    Long dispatchedAt(String eventId) {
        CompletableFuture<Long> f = seen.get(eventId);
        return f == null ? null : f.getNow(null);
    }

    /** how many dispatches were read so far */
    int count() {
        return count.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
