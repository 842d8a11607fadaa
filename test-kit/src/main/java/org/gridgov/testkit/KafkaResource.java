package org.gridgov.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Quarkus test resource: the JVM-wide in-process KRaft Kafka broker. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", EmbeddedKafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by the JVM and stops with it
    }
}
