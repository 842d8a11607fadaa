package org.gridgov.escalation;

import org.gridgov.testkit.JwtResource;
import org.gridgov.testkit.KafkaResource;
import org.gridgov.testkit.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL, real Kafka and real token verification for every test of this module. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "escalation"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
public class TestResources {
}
