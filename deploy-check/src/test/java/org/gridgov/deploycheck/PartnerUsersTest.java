package org.gridgov.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.contract.Topics;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Partner systems are isolated like departments: each partner's KafkaUser may write its own report
 * topic and nothing else, so the topic names the sender; nobody may write the retired shared topic.
 */
class PartnerUsersTest {
    static final Path ROOT = Path.of(System.getProperty("gridgov.root", "..")).toAbsolutePath().normalize();

    @Test
    void eachPartnerMayWriteOnlyItsOwnTopic() {
        List<ObjectNode> users = Contract.partnerUsers(ROOT);
        assertFalse(users.isEmpty(), "deploy/ has the demo partners' KafkaUsers");
        List<String> wrong = new ArrayList<>();
        for (ObjectNode u : users) {
            String code = u.path("metadata").path("labels").path("gridgov/partner").asText();
            if (!u.path("metadata").path("name").asText().equals("partner-" + code)) {
                wrong.add(u.path("metadata").path("name").asText() + ": a partner's user is named partner-" + code);
            }
            JsonNode acls = u.path("spec").path("authorization").path("acls");
            List<String> granted = new ArrayList<>();
            acls.forEach(a -> granted.add(a.path("resource").path("type").asText() + ":" + a.path("resource").path("name").asText() + ":"
                    + a.path("resource").path("patternType").asText("literal") + ":" + a.path("operations")));
            List<String> expected = List.of("topic:" + Topics.partnerReports(code) + ":literal:[\"Write\",\"Describe\"]");
            if (!expected.equals(granted)) {
                wrong.add("partner-" + code + " may " + granted + ", not only " + expected);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void nobodyWritesTheRetiredSharedTopic() {
        List<String> users = new ArrayList<>();
        for (ObjectNode u : Yaml.objects(ROOT.resolve("deploy/base/kafka/kafka-users.yaml"))) {
            u.path("spec").path("authorization").path("acls").forEach(a -> {
                if ("gridgov.partner.report.v1".equals(a.path("resource").path("name").asText())) {
                    users.add(u.path("metadata").path("name").asText());
                }
            });
        }
        assertEquals(List.of(), users, "the shared partner topic is retired");
    }
}
