package org.gridgov.event.open311;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

/**
 * The two formats of GeoReport v2. The path's suffix chooses ({@code .xml}, {@code .json}); without
 * one the {@code Accept} header does (XML when it asks for XML and not JSON first), else JSON. XML
 * has the spec's elements: the JSON document's field names, each list in a container element whose
 * items have the spec's singular names ({@code <services><service>}, {@code <service_requests><request>},
 * {@code <attributes><attribute>}, {@code <values><value>}, {@code <endpoints><endpoint>},
 * {@code <formats><format>}, {@code <errors><error>}). Errors are the spec's list of
 * {@code {code, description}}, one per field, the description naming the field.
 */
@ApplicationScoped
public class Open311Format {
    public static final String XML = "text/xml; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";
    /** the element of each item of a list field */
    static final Map<String, String> ITEMS = Map.of("attributes", "attribute", "values", "value", "endpoints", "endpoint", "formats", "format");
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();

    @Inject
    ObjectMapper mapper;

    /** A document's XML root: the list's element and its items' (a list), or the object's element. */
    public record Root(String element, String item) {
        static final Root SERVICES = new Root("services", "service");
        static final Root REQUESTS = new Root("service_requests", "request");
        static final Root DEFINITION = new Root("service_definition", null);
        static final Root DISCOVERY = new Root("discovery", null);
        static final Root ERRORS = new Root("errors", "error");
    }

    /** Whether this call answers in XML; an unknown suffix is a 404. */
    static boolean xml(String suffix, String accept) {
        if (suffix != null && !suffix.isEmpty()) {
            if (suffix.equalsIgnoreCase(".xml")) {
                return true;
            }
            if (suffix.equalsIgnoreCase(".json")) {
                return false;
            }
            throw ProblemException.notFound("format " + ServiceCatalogue.abbreviate(suffix) + ": use .json or .xml");
        }
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase();
        int x = Math.max(a.indexOf("/xml"), a.indexOf("+xml"));
        int j = a.indexOf("/json");
        return x >= 0 && (j < 0 || x < j);
    }

    /** {@code environment.garbage.xml} → suffix {@code .xml}; a segment without a known suffix has none. */
    static String[] split(String segment) {
        String lower = segment.toLowerCase();
        for (String s : List.of(".json", ".xml")) {
            if (lower.endsWith(s)) {
                return new String[] { segment.substring(0, segment.length() - s.length()), s };
            }
        }
        return new String[] { segment, "" };
    }

    /**
     * Runs the call and answers in the chosen format, a refusal in the spec's error format. The suffix is checked
     * inside, so that an unknown one is answered as an error too (in JSON).
     */
    Response answer(String suffix, String accept, Root root, Supplier<Response.ResponseBuilder> call) {
        boolean xml;
        try {
            xml = xml(suffix, accept);
        } catch (ProblemException e) {
            return error(false, e);
        }
        try {
            Response.ResponseBuilder r = call.get();
            Response built = r.build();
            Object entity = built.getEntity();
            return Response.fromResponse(built).entity(xml ? xml(root, mapper.valueToTree(entity)) : entity).type(xml ? XML : JSON).build();
        } catch (ProblemException e) {
            return error(xml, e);
        }
    }

    Response error(boolean xml, ProblemException e) {
        List<Open311Views.Error> errors = new ArrayList<>();
        if (e.errors().isEmpty()) {
            errors.add(new Open311Views.Error(e.status(), e.getMessage() == null ? e.title() : e.getMessage()));
        }
        for (Problem.FieldError f : e.errors()) {
            errors.add(new Open311Views.Error(e.status(), f.field() + ": " + f.reason()));
        }
        Response.ResponseBuilder r = Response.status(e.status());
        if (e.status() == 429) {
            r.header("Retry-After", 60);
        }
        return r.entity(xml ? xml(Root.ERRORS, mapper.valueToTree(errors)) : errors).type(xml ? XML : JSON).build();
    }

    /** The document as the spec's XML. */
    static String xml(Root root, JsonNode doc) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = OUT.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            if (root.item() != null) {
                w.writeStartElement(root.element());
                for (JsonNode item : doc) {
                    element(w, root.item(), item);
                }
                w.writeEndElement();
            } else {
                element(w, root.element(), doc);
            }
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, JsonNode v) throws XMLStreamException {
        if (v == null || v.isNull()) {
            w.writeEmptyElement(name);
            return;
        }
        w.writeStartElement(name);
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                element(w, f.getKey(), f.getValue());
            }
        } else if (v.isArray()) {
            String item = ITEMS.getOrDefault(name, "item");
            for (JsonNode x : v) {
                element(w, item, x);
            }
        } else {
            w.writeCharacters(v.asText());
        }
        w.writeEndElement();
    }
}
