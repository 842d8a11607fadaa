package org.gridgov.scoring.replay;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.EventLifecycleV1;
import org.gridgov.scoring.ledger.LedgerSql;
import org.gridgov.scoring.jdbc.Sql;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * Rebuilds a ledger from the lifecycle topic into another (migrated, empty) scoring database with
 * the service's own crediting code and the same inbox rule: each CloudEvent id once, each fact once.
 * Reads the topic from its beginning to the end it had when the replay started; commits nothing to
 * Kafka. Used to prove that the ledger is a function of the topic, and to rebuild a lost database.
 */
public final class TopicReplay {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public record Result(long records, long applied, long duplicates, long entries, List<String> failures) {
    }

    private TopicReplay() {
    }

    /** Copies what is configuration rather than history: rule versions (shared and counties' own) and the classes and kinds of subjects. */
    public static void copyReferenceData(Connection from, Connection to) throws SQLException {
        to.setAutoCommit(false);
        for (Object[] r : Sql.list(from, "select rule_id, version, fact, subject_type, points, points_by::text, class_points::text, "
                + "requires_evidence, effective_from, description, created_at, created_by, county from rule_version order by rule_id, version",
                rs -> new Object[] { rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getObject(5), rs.getString(6),
                        rs.getString(7), rs.getBoolean(8), Sql.time(rs, "effective_from"), rs.getString(10), Sql.time(rs, "created_at"),
                        rs.getString(12), rs.getString(13) })) {
            Sql.update(to, "insert into rule_version (rule_id, version, fact, subject_type, points, points_by, class_points, "
                    + "requires_evidence, effective_from, description, created_at, created_by, county) "
                    + "values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?) on conflict do nothing", r);
        }
        for (Object[] s : Sql.list(from, "select subject, subject_type, class_code, community_kind, home_code, name from subject "
                + "where class_code is not null or community_kind is not null",
                rs -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6) })) {
            Sql.update(to, "insert into subject (subject, subject_type, class_code, community_kind, home_code, name) values (?, ?, ?, ?, ?, ?) "
                    + "on conflict (subject) do update set class_code = excluded.class_code, community_kind = excluded.community_kind", s);
        }
        to.commit();
    }

    public static Result replay(String bootstrapServers, String consumerName, Connection target) throws SQLException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "scoring-replay-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        CloudEventDeserializer ceReader = new CloudEventDeserializer();
        target.setAutoCommit(false);
        long records = 0, applied = 0, duplicates = 0, entries = 0;
        List<String> failures = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo i : consumer.partitionsFor(Topics.EVENT_LIFECYCLE, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(i.topic(), i.partition()));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(parts, Duration.ofSeconds(30)));
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue;
                    }
                    records++;
                    CloudEvent ce;
                    try {
                        ce = ceReader.deserialize(r.topic(), r.headers(), r.value());
                    } catch (RuntimeException e) {
                        failures.add(r.topic() + "/" + r.partition() + "@" + r.offset() + ": not a CloudEvent");
                        continue;
                    }
                    try {
                        int inserted = Sql.update(target, "insert into inbox_message (consumer, event_id, event_type, event_source) "
                                + "values (?, ?, ?, ?) on conflict do nothing", consumerName, ce.getId(), ce.getType(),
                                String.valueOf(ce.getSource()));
                        if (inserted == 0) {
                            duplicates++;
                        } else {
                            applied++;
                            EventType type = EventType.ofType(ce.getType()).filter(t -> t.topic().equals(Topics.EVENT_LIFECYCLE)).orElse(null);
                            if (type != null) {
                                EventLifecycleV1 e = JSON.readValue(ce.getData().toBytes(), EventLifecycleV1.class);
                                entries += LedgerSql.creditLifecycle(target, ce.getId(), type, e).size();
                            }
                        }
                        target.commit();
                    } catch (Exception e) {
                        target.rollback();
                        failures.add(r.topic() + "/" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
                    }
                }
            }
        }
        return new Result(records, applied, duplicates, entries, failures);
    }
}
