package org.gridgov.console.live;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Where the live feed reads from: the Kafka cluster of the services (the same {@code kafka.*} settings and
 * environment variables as theirs: KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM,
 * KAFKA_SASL_JAAS_CONFIG). Without a bootstrap server there is no live feed: the screens still work, with a reload.
 */
@ConfigMapping(prefix = "kafka")
public interface LiveSettings {
    @WithName("bootstrap.servers")
    Optional<String> bootstrapServers();

    @WithName("security.protocol")
    Optional<String> securityProtocol();

    @WithName("sasl.mechanism")
    Optional<String> saslMechanism();

    @WithName("sasl.jaas.config")
    Optional<String> saslJaasConfig();

    /** the topics whose messages tell an open console that something changed */
    @WithName("console.live-topics")
    @WithDefault("gridgov.escalation.task.v1,gridgov.event.lifecycle.v1")
    List<String> topics();
}
