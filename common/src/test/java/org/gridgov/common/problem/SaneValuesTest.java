package org.gridgov.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import jakarta.ws.rs.QueryParam;

/** NUL characters and dates outside 1900 to 9999 are refused in JSON bodies and parameters, naming the field. */
class SaneValuesTest {
    final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(SaneJson.module());

    record Body(String reason, List<String> evidence, OffsetDateTime occurredAt, LocalDate day, Instant at, Map<String, String> labels) {
    }

    @Test
    void saneValuesPass() throws Exception {
        Body b = json.readValue("{\"reason\":\"省级试点\",\"evidence\":[\"a\"],\"occurredAt\":\"2026-06-03T09:30:00+08:00\","
                + "\"day\":\"1900-01-01\",\"at\":\"9999-12-31T23:59:59Z\",\"labels\":{\"k\":\"v\"}}", Body.class);
        assertEquals("省级试点", b.reason());
        assertEquals(2026, b.occurredAt().getYear());
        assertNull(SaneValues.problem("tab\tand newline\n"));
        assertNull(SaneValues.problem(null));
    }

    @Test
    void aNulInAnyStringIsRefusedWithItsPath() {
        assertEquals("reason", refused("{\"reason\":\"a\\u0000b\"}"));
        assertEquals("evidence[1]", refused("{\"evidence\":[\"ok\",\"\\u0000\"]}"));
        assertEquals("labels.k", refused("{\"labels\":{\"k\":\"\\u0000\"}}"));
        assertEquals(SaneValues.NUL, SaneValues.problem("x\0"));
    }

    @Test
    void aDateOutsideTheSaneYearsIsRefusedWithItsPath() {
        assertEquals("occurredAt", refused("{\"occurredAt\":\"+999999999-12-31T00:00:00Z\"}"));
        assertEquals("occurredAt", refused("{\"occurredAt\":\"-999999999-01-01T00:00:00Z\"}"));
        assertEquals("day", refused("{\"day\":\"1899-12-31\"}"));
        assertEquals("at", refused("{\"at\":\"+10000-01-01T00:00:00Z\"}"));
    }

    @Test
    void aHandParsedValueIsA400NamingTheField() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> SaneValues.check("start_date", OffsetDateTime.parse("+999999999-12-31T00:00:00Z")));
        assertEquals(400, e.status());
        assertEquals("start_date", e.errors().get(0).field());
        assertEquals(SaneValues.YEARS, e.errors().get(0).reason());
    }

    @Test
    void dateParametersOfAResourceMethodAreFound() throws Exception {
        List<SaneParams.DateParam> found = SaneParams.dateParams(Resource.class.getDeclaredMethod("list", String.class, OffsetDateTime.class, LocalDate.class));
        assertEquals(List.of("from", "day"), found.stream().map(SaneParams.DateParam::name).toList());
    }

    static class Resource {
        void list(@QueryParam("q") String q, @QueryParam("from") OffsetDateTime from, @QueryParam("day") LocalDate day) {
        }
    }

    /** The field the refusal names, as ProblemMappers reports it (Quarkus REST passes a mismatched input on unchanged). */
    String refused(String body) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> json.readValue(body, Body.class));
        String field = ProblemMappers.jsonPath(e);
        assertEquals(true, e.getOriginalMessage().equals(SaneValues.NUL) || e.getOriginalMessage().equals(SaneValues.YEARS),
                e.getOriginalMessage());
        return field;
    }
}
