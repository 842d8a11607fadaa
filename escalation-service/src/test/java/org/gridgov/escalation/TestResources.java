package org.gridgov.escalation;

import org.gridgov.testkit.JwtResource;
import org.gridgov.testkit.KafkaResource;
import org.gridgov.testkit.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL, real Kafka, real token verification, a real SMTP server and SMS gateway for every test of this module. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "escalation"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(org.gridgov.escalation.notification.MailAndSmsResource.class)
public class TestResources {
}
