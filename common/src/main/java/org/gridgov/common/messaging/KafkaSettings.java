package org.gridgov.common.messaging;

import java.util.HashMap;
import java.util.Map;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The {@code kafka.*} configuration of the service (bootstrap servers, security) as client
 * properties, so producer, consumers and admin share one configuration.
 */
@ApplicationScoped
public class KafkaSettings {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> config;

    public Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>();
        config.forEach((k, v) -> {
            if (!k.startsWith("health") && !k.startsWith("devservices") && !k.startsWith("snappy")) {
                props.put(k, v);
            }
        });
        return props;
    }
}
