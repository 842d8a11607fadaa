package org.gridgov.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;

/** Publishes CloudEvents as another service or a partner system would, for tests. */
public final class TopicWriter {
    private TopicWriter() {
    }

    public static CloudEvent event(String id, String source, String type, String subject, String json) {
        return CloudEventBuilder.v1().withId(id == null ? UUID.randomUUID().toString() : id)
                .withSource(URI.create(source)).withType(type).withSubject(subject).withTime(OffsetDateTime.now())
                .withData("application/json", json.getBytes(StandardCharsets.UTF_8)).build();
    }

    public static void send(String bootstrap, String topic, String key, CloudEvent event) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName());
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, event)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }
}
