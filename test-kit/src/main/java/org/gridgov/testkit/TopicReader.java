package org.gridgov.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/** Reads CloudEvents from a topic the way a partner department's consumer would, for assertions. */
public final class TopicReader {
    private TopicReader() {
    }

    public record Received(String key, CloudEvent event, ConsumerRecord<String, CloudEvent> record) {
    }

    /**
     * Reads the topic from the beginning until {@code count} matching records were seen or the
     * timeout passes; returns the matching records.
     */
    public static List<Received> read(String bootstrap, String topic, Predicate<Received> match, int count, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        List<Received> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, CloudEvent> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> r : c.poll(Duration.ofMillis(200))) {
                    Received rec = new Received(r.key(), r.value(), r);
                    if (match.test(rec)) {
                        out.add(rec);
                    }
                }
            }
        }
        return out;
    }
}
