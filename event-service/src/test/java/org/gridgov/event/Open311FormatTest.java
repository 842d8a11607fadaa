package org.gridgov.event;

import static org.gridgov.event.Open311Schemas.validJson;
import static org.gridgov.event.Open311Schemas.validXml;
import static org.gridgov.event.Open311Test.BASE;
import static org.gridgov.event.Open311Test.FORM;
import static org.gridgov.event.Open311Test.REPORTER;
import static org.gridgov.event.Open311Test.client;
import static org.gridgov.event.Open311Test.spread;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.xml.XmlPath;

/**
 * GeoReport v2 as clients use it: every endpoint in JSON (validated with the public schemas of
 * open311/schema-validation) and in XML (validated against the specification's structure), errors in
 * the spec's format, discovery, service attributes checked on POST, jurisdiction_id.
 */
@QuarkusTest
class Open311FormatTest {

    @Test
    void everyReadAnswersInJsonAndXmlAsTheSpecificationSays() {
        // services
        JsonNode services = validJson("services", client().get(BASE + "/services.json").then().statusCode(200).extract().asString());
        assertTrue(services.size() > 10);
        String servicesXml = validXml(client().get(BASE + "/services.xml").then().statusCode(200).contentType(ContentType.XML)
                .extract().asString());
        assertEquals("暴露垃圾", XmlPath.from(servicesXml).getString("services.service.find { it.service_code == 'environment.garbage' }.service_name"));
        // without a suffix the Accept header chooses
        validXml(client().accept("text/xml").get(BASE + "/services").then().statusCode(200).contentType(ContentType.XML).extract().asString());
        validXml(client().accept("application/xml").get(BASE + "/services").then().statusCode(200).contentType(ContentType.XML).extract().asString());
        validJson("services", client().accept("application/json").get(BASE + "/services").then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString());

        // a service definition, with and without attributes
        validJson("service-definition", client().get(BASE + "/services/environment.garbage.json").then().statusCode(200).extract().asString());
        JsonNode pothole = validJson("service-definition", client().get(BASE + "/services/road.pothole.json").then().statusCode(200)
                .extract().asString());
        assertEquals("size", pothole.path("attributes").path(0).path("code").asText());
        assertEquals("singlevaluelist", pothole.path("attributes").path(0).path("datatype").asText());
        assertTrue(pothole.path("attributes").path(0).path("required").asBoolean());
        assertEquals("large", pothole.path("attributes").path(0).path("values").path(2).path("key").asText());
        String definitionXml = validXml(client().get(BASE + "/services/road.pothole.xml").then().statusCode(200).contentType(ContentType.XML)
                .extract().asString());
        assertEquals("large", XmlPath.from(definitionXml).getString("service_definition.attributes.attribute[0].values.value[2].key"));

        // a request posted, then read in both formats, alone and in the list
        double[] p = spread();
        String id = Open311Test.post(REPORTER, "environment.garbage", p[0], p[1], "格式测试：垃圾");
        validJson("requests", client().get(BASE + "/requests/" + id + ".json").then().statusCode(200).extract().asString());
        validJson("requests", client().auth().oauth2(REPORTER).get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("[0].description", equalTo("格式测试：垃圾")).extract().asString());
        validJson("requests", client().queryParam("service_code", "environment.garbage").get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(id)).extract().asString());
        String one = validXml(client().get(BASE + "/requests/" + id + ".xml").then().statusCode(200).contentType(ContentType.XML).extract().asString());
        assertEquals(id, XmlPath.from(one).getString("service_requests.request[0].service_request_id"));
        assertEquals("open", XmlPath.from(one).getString("service_requests.request[0].status"));
        validXml(client().queryParam("service_code", "environment.garbage").get(BASE + "/requests.xml").then().statusCode(200).extract().asString());
        // posting answers in XML too
        double[] q = spread();
        String created = validXml(client().auth().oauth2(REPORTER).contentType(FORM).formParam("service_code", "environment.garbage")
                .formParam("lat", q[0]).formParam("long", q[1]).formParam("description", "XML 上报").post(BASE + "/requests.xml").then()
                .statusCode(201).contentType(ContentType.XML).extract().asString());
        assertFalse(XmlPath.from(created).getString("service_requests.request[0].service_request_id").isBlank(), created);

        // discovery
        JsonNode discovery = JSON(client().get(BASE + "/discovery.json").then().statusCode(200).contentType(ContentType.JSON).extract().asString());
        assertEquals("http://wiki.open311.org/GeoReport_v2", discovery.path("endpoints").path(0).path("specification").asText());
        assertTrue(discovery.path("endpoints").path(0).path("url").asText().endsWith("/open311/v2"), discovery.toString());
        assertEquals(List.of("text/xml", "application/json"), List.of(discovery.path("endpoints").path(0).path("formats").path(0).asText(),
                discovery.path("endpoints").path(0).path("formats").path(1).asText()));
        for (String f : List.of("changeset", "contact", "key_service")) {
            assertFalse(discovery.path(f).asText().isBlank(), f);
        }
        String discoveryXml = validXml(client().get(BASE + "/discovery.xml").then().statusCode(200).contentType(ContentType.XML).extract().asString());
        assertEquals("text/xml", XmlPath.from(discoveryXml).getString("discovery.endpoints.endpoint[0].formats.format[0]"));
    }

    @Test
    void errorsComeInTheSpecificationsFormatInBothFormats() {
        String xml = validXml(client().auth().oauth2(REPORTER).contentType(FORM).formParam("lat", "100").formParam("long", "0")
                .post(BASE + "/requests.xml").then().statusCode(400).contentType(ContentType.XML).extract().asString());
        XmlPath x = XmlPath.from(xml);
        assertEquals("400", x.getString("errors.error[0].code"));
        assertTrue(x.getList("errors.error.description").stream().anyMatch(d -> String.valueOf(d).startsWith("service_code:")), xml);
        assertTrue(x.getList("errors.error.description").stream().anyMatch(d -> String.valueOf(d).startsWith("lat:")), xml);
        validXml(client().get(BASE + "/requests/" + java.util.UUID.randomUUID() + ".xml").then().statusCode(404).contentType(ContentType.XML)
                .extract().asString());
        validXml(client().queryParam("status", "pending").get(BASE + "/requests.xml").then().statusCode(400).extract().asString());
        client().queryParam("status", "pending").get(BASE + "/requests.json").then().statusCode(400).contentType(ContentType.JSON)
                .body("[0].code", equalTo(400)).body("[0].description", startsWith("status:"));
        // posting without api_key or token
        validXml(client().contentType(FORM).formParam("service_code", "environment.garbage").formParam("address_string", "某路1号")
                .post(BASE + "/requests.xml").then().statusCode(401).extract().asString());
    }

    @Test
    void attributesAreOfferedWhereAServiceHasThemAndCheckedOnPost() {
        client().get(BASE + "/services.json").then().statusCode(200)
                .body("find { it.service_code == 'road.pothole' }.metadata", equalTo(true))
                .body("find { it.service_code == 'utilities.manhole-cover' }.metadata", equalTo(true))
                .body("find { it.service_code == 'environment.garbage' }.metadata", equalTo(false));
        double[] p = spread();
        // the required attribute is missing
        client().auth().oauth2(REPORTER).contentType(FORM).formParam("service_code", "road.pothole").formParam("lat", p[0]).formParam("long", p[1])
                .post(BASE + "/requests.json").then().statusCode(400).body("description", hasItem(startsWith("attribute[size]: required")));
        // not one of the values, not a number, not an attribute of the service
        List<String> wrong = client().auth().oauth2(REPORTER).contentType(FORM).formParam("service_code", "road.pothole").formParam("lat", p[0])
                .formParam("long", p[1]).formParam("attribute[size]", "huge").formParam("attribute[depth_cm]", "deep")
                .formParam("attribute[colour]", "red").post(BASE + "/requests.json").then().statusCode(400).extract().jsonPath()
                .getList("description", String.class);
        assertTrue(wrong.stream().anyMatch(d -> d.startsWith("attribute[size]: 'huge' is not one of")), wrong.toString());
        assertTrue(wrong.stream().anyMatch(d -> d.startsWith("attribute[depth_cm]: 'deep' is not a number")), wrong.toString());
        assertTrue(wrong.stream().anyMatch(d -> d.startsWith("attribute[colour]: ")), wrong.toString());
        // right: the attributes go with the description
        String id = client().auth().oauth2(REPORTER).contentType(FORM).formParam("service_code", "road.pothole").formParam("lat", p[0])
                .formParam("long", p[1]).formParam("description", "路面坑洼").formParam("attribute[size]", "large").formParam("attribute[depth_cm]", "12")
                .post(BASE + "/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        client().auth().oauth2(REPORTER).get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("[0].description", containsString("路面坑洼")).body("[0].description", containsString("[size] large"))
                .body("[0].description", containsString("[depth_cm] 12"));
        // as JSON, the attributes as an object
        double[] q = spread();
        client().auth().oauth2(REPORTER).contentType(ContentType.JSON).body("{\"service_code\":\"utilities.manhole-cover\",\"lat\":" + q[0]
                + ",\"long\":" + q[1] + ",\"attribute\":{\"cover_state\":\"missing\"}}").post(BASE + "/requests.json").then().statusCode(201);
        client().auth().oauth2(REPORTER).contentType(ContentType.JSON).body("{\"service_code\":\"utilities.manhole-cover\",\"lat\":" + q[0]
                + ",\"long\":" + q[1] + ",\"attribute\":{\"cover_state\":\"stolen\"}}").post(BASE + "/requests.json").then().statusCode(400)
                .body("[0].description", startsWith("attribute[cover_state]:"));
    }

    @Test
    void theJurisdictionIdIsAcceptedAndAnotherRefusedClearly() {
        client().queryParam("jurisdiction_id", "gridgov.local").get(BASE + "/services.json").then().statusCode(200);
        client().queryParam("jurisdiction_id", "gridgov.local").get(BASE + "/requests.json").then().statusCode(200);
        client().queryParam("jurisdiction_id", "sfgov.org").get(BASE + "/services.json").then().statusCode(400)
                .body("[0].description", startsWith("jurisdiction_id: this endpoint serves jurisdiction_id gridgov.local or"));
        client().queryParam("jurisdiction_id", "sfgov.org").get(BASE + "/services/road.pothole.xml").then().statusCode(400)
                .contentType(ContentType.XML);
        double[] p = spread();
        client().auth().oauth2(REPORTER).contentType(FORM).formParam("jurisdiction_id", "sfgov.org").formParam("service_code", "environment.garbage")
                .formParam("lat", p[0]).formParam("long", p[1]).post(BASE + "/requests.json").then().statusCode(400)
                .body("description", hasItems(startsWith("jurisdiction_id:")));
    }

    private static JsonNode JSON(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
