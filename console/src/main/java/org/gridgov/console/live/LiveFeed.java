package org.gridgov.console.live;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Live updates: reads the task and lifecycle topics from their end (a consumer group of its own per console
 * replica, nothing committed) and tells every open console <em>what kind</em> of thing happened: a new task, a
 * warning, an overdue task, a change. It sends no id and no content: each console then asks the services again with
 * its own user's token, so a live update shows nothing the user may not see.
 */
@ApplicationScoped
public class LiveFeed {
    private static final Logger LOG = Logger.getLogger(LiveFeed.class);

    private final LiveSettings settings;
    private final BroadcastProcessor<String> out = BroadcastProcessor.create();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running;

    LiveFeed(LiveSettings settings) {
        this.settings = settings;
    }

    /** the kinds of what happened, as they happen: task, warning, overdue, report, change */
    public Multi<String> kinds() {
        return out;
    }

    /** the kind a CloudEvent type stands for */
    /**
     * the CloudEvents types the screens react to, by what they tell a person (the contract's names, as in docs/asyncapi.yaml);
     * any other type is a "change"
     */
    static final java.util.Map<String, String> KINDS = java.util.Map.of(
            "org.gridgov.escalation.task-dispatched.v1", "task",
            "org.gridgov.escalation.task-warning.v1", "warning",
            "org.gridgov.escalation.task-overdue.v1", "overdue",
            "org.gridgov.event.reported.v1", "report");

    public static String kindOf(String type) {
        return type == null ? "change" : KINDS.getOrDefault(type, "change");
    }

    void start(@Observes StartupEvent ev) {
        if (settings.bootstrapServers().isEmpty()) {
            LOG.info("no kafka.bootstrap.servers: the console runs without live updates");
            return;
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers().get());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "console-live-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.securityProtocol().ifPresent(v -> p.put("security.protocol", v));
        settings.saslMechanism().ifPresent(v -> p.put("sasl.mechanism", v));
        settings.saslJaasConfig().ifPresent(v -> p.put("sasl.jaas.config", v));
        consumer = new KafkaConsumer<>(p);
        running = true;
        Thread t = new Thread(this::run, "console-live-feed");
        t.setDaemon(true);
        t.start();
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        try {
            c.subscribe(settings.topics());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofSeconds(1));
                Set<String> kinds = new LinkedHashSet<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Header type = r.headers().lastHeader("ce_type");
                    kinds.add(kindOf(type == null ? null : new String(type.value(), java.nio.charset.StandardCharsets.UTF_8)));
                }
                kinds.forEach(out::onNext);
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.warn("the live feed stopped: " + e);
        } finally {
            c.close(Duration.ofSeconds(2));
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }
}
