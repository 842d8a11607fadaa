package org.gridgov.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The public Open311 GeoReport v2 JSON schemas (open311/schema-validation, in test resources) and
 * the XSD of the specification's XML structure, as assertions.
 */
final class Open311Schemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final Map<String, com.networknt.schema.Schema> LOADED = new ConcurrentHashMap<>();
    private static final Schema XSD;

    static {
        try (InputStream in = Open311Schemas.class.getResourceAsStream("/open311/georeport-v2.xsd")) {
            XSD = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(in));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the Open311 XSD", e);
        }
    }

    private Open311Schemas() {
    }

    private static com.networknt.schema.Schema schema(String name) {
        // by location, so that requests.json's reference to request.json resolves beside it
        return LOADED.computeIfAbsent(name, n -> REGISTRY.getSchema(SchemaLocation.of("classpath:open311/georeport-v2/" + n + ".json")));
    }

    /**
     * Validates a JSON answer with the public schema of its kind ({@code services}, {@code service-definition},
     * {@code requests}); a list is also validated item by item with its item schema ({@code service}, {@code request}),
     * since the list schemas refer to them by relative file name.
     */
    static JsonNode validJson(String kind, String body) {
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        assertEquals(List.of(), schema(kind).validate(doc).stream().map(Object::toString).toList(), kind + ": " + body);
        String item = switch (kind) {
            case "services" -> "service";
            case "requests" -> "request";
            default -> null;
        };
        if (item != null) {
            assertTrue(doc.isArray(), kind + " is a list: " + body);
            for (JsonNode x : doc) {
                assertEquals(List.of(), schema(item).validate(x).stream().map(Object::toString).toList(), item + ": " + x);
            }
        }
        return doc;
    }

    /** Validates an XML answer against the specification's element structure. */
    static String validXml(String body) {
        try {
            XSD.newValidator().validate(new StreamSource(new StringReader(body)));
        } catch (Exception e) {
            throw new AssertionError("not GeoReport v2 XML (" + e.getMessage() + "): " + body, e);
        }
        return body;
    }
}
