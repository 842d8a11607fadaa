package org.gridgov.common.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.problem.ProblemException;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The dead-letter topics of this service's consumers: how many wait, and a re-drive that feeds
 * them back into their consumer once the cause is fixed. A re-drive reads from where the last one
 * stopped (consumer group {@code <consumer>.redrive}) up to the end seen at its start; the inbox
 * makes a message already processed a no-op, so re-driving twice has no second effect. A message
 * that fails again is dead-lettered again, after that end, for a later re-drive.
 */
@ApplicationScoped
public class DeadLetters {
    /** header: why the message was dead-lettered */
    public static final String REASON = "dlt_reason";
    /** header: topic/partition@offset the message was read from */
    public static final String ORIGIN = "dlt_origin";

    @Inject
    CloudEventConsumers consumers;

    @Inject
    KafkaSettings kafka;

    public record Waiting(String consumer, String topic, long waiting, long deadLetteredSinceStart) {
    }

    public record Redrive(String consumer, int read, int processed, int duplicates, int deadLetteredAgain) {
    }

    /** For each consumer of this service, the dead-lettered messages not re-driven yet. */
    public List<Waiting> waiting() {
        return consumers.states().stream().map(st -> {
            try (KafkaConsumer<String, byte[]> c = open(st.name())) {
                List<TopicPartition> parts = partitions(c, st.name());
                Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
                Map<TopicPartition, OffsetAndMetadata> done = c.committed(new java.util.HashSet<>(parts), Duration.ofSeconds(10));
                Map<TopicPartition, Long> begin = c.beginningOffsets(parts, Duration.ofSeconds(10));
                long waiting = 0;
                for (TopicPartition tp : parts) {
                    OffsetAndMetadata d = done.get(tp);
                    waiting += end.get(tp) - Math.max(begin.get(tp), d == null ? 0 : d.offset());
                }
                return new Waiting(st.name(), Topics.deadLetter(st.name()), waiting, st.deadLettered());
            }
        }).toList();
    }

    /** Feeds the consumer's dead-lettered messages back into it. */
    public Redrive redrive(String consumerName) {
        Subscription s = consumers.subscription(consumerName)
                .orElseThrow(() -> ProblemException.notFound("consumer " + consumerName));
        CloudEventDeserializer deserializer = new CloudEventDeserializer();
        int read = 0, processed = 0, duplicates = 0, again = 0;
        try (KafkaConsumer<String, byte[]> c = open(consumerName)) {
            List<TopicPartition> parts = partitions(c, consumerName);
            c.assign(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            while (parts.stream().anyMatch(tp -> c.position(tp, Duration.ofSeconds(10)) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue;
                    }
                    read++;
                    String origin = header(r, ORIGIN);
                    String topic = origin == null ? null : origin.substring(0, origin.lastIndexOf('/'));
                    try {
                        CloudEvent event = deserializer.deserialize(r.topic(), r.headers(), r.value());
                        if (consumers.processOnce(consumerName, topic, event, s.handler)) {
                            processed++;
                        } else {
                            duplicates++;
                        }
                    } catch (Exception e) {
                        if (Failures.isTransient(e)) {
                            c.commitSync(next);
                            throw new ProblemException(503, "Service Unavailable",
                                    "the database or broker is unavailable; re-drive again later: " + e.getMessage(), null);
                        }
                        consumers.deadLetter(consumerName, withOrigin(r, topic), "re-drive: " + Subscription.rootMessage(e));
                        again++;
                    }
                    next.put(tp, new OffsetAndMetadata(r.offset() + 1));
                }
            }
            c.commitSync(next);
        }
        return new Redrive(consumerName, read, processed, duplicates, again);
    }

    /** A dead-lettered record as if read from its original topic, so that its origin is kept. */
    private static ConsumerRecord<String, byte[]> withOrigin(ConsumerRecord<String, byte[]> r, String topic) {
        String origin = header(r, ORIGIN);
        if (topic == null || origin == null) {
            return r;
        }
        int at = origin.lastIndexOf('@');
        int slash = origin.lastIndexOf('/');
        ConsumerRecord<String, byte[]> o = new ConsumerRecord<>(topic, Integer.parseInt(origin.substring(slash + 1, at)),
                Long.parseLong(origin.substring(at + 1)), r.key(), r.value());
        r.headers().forEach(h -> o.headers().add(h));
        return o;
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> open(String consumerName) {
        Map<String, Object> props = kafka.common();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, consumerName + ".redrive");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, String consumerName) {
        String topic = Topics.deadLetter(consumerName);
        return c.partitionsFor(topic, Duration.ofSeconds(10)).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }
}
