package org.gridgov.common.geo;

import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads GeoJSON (RFC 7946, WGS84, longitude first) Polygon and MultiPolygon geometries into JTS
 * and rejects what a boundary must not be: unclosed rings, coordinates out of range, self
 * intersections. Errors name the field given by the caller.
 */
public final class GeoJson {
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJson() {
    }

    /** vertices of one boundary at most: about 400 KB of GeoJSON, well inside a Kafka message */
    public static final int MAX_VERTICES = 10_000;

    public static Geometry polygonal(JsonNode node, String field) {
        if (node == null || node.isNull() || !node.isObject()) {
            throw ProblemException.invalid(field, "a GeoJSON Polygon or MultiPolygon object is required");
        }
        String type = node.path("type").asText("");
        JsonNode coords = node.get("coordinates");
        if (coords == null || !coords.isArray()) {
            throw ProblemException.invalid(field + ".coordinates", "an array is required");
        }
        Geometry g = switch (type) {
            case "Polygon" -> polygon(coords, field + ".coordinates");
            case "MultiPolygon" -> {
                Polygon[] parts = new Polygon[coords.size()];
                for (int i = 0; i < coords.size(); i++) {
                    parts[i] = polygon(coords.get(i), field + ".coordinates[" + i + "]");
                }
                if (parts.length == 0) {
                    throw ProblemException.invalid(field + ".coordinates", "a MultiPolygon needs at least one polygon");
                }
                yield FACTORY.createMultiPolygon(parts);
            }
            default -> throw ProblemException.invalid(field + ".type", "must be Polygon or MultiPolygon, not '" + type + "'");
        };
        // a boundary travels in a CloudEvent (the registry topic): it must stay far below the broker's 1 MB
        if (g.getNumPoints() > MAX_VERTICES) {
            throw ProblemException.invalid(field, "at most " + MAX_VERTICES + " vertices, not " + g.getNumPoints()
                    + "; simplify the boundary");
        }
        TopologyValidationError err = new IsValidOp(g).getValidationError();
        if (err != null) {
            throw ProblemException.invalid(field, "invalid polygon: " + err.getMessage() + " near "
                    + err.getCoordinate().x + "," + err.getCoordinate().y);
        }
        return g;
    }

    private static Polygon polygon(JsonNode rings, String field) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw ProblemException.invalid(field, "a polygon needs at least an outer ring");
        }
        LinearRing shell = ring(rings.get(0), field + "[0]");
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), field + "[" + i + "]");
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode ring, String field) {
        if (!ring.isArray() || ring.size() < 4) {
            throw ProblemException.invalid(field, "a ring needs at least 4 positions");
        }
        List<Coordinate> cs = new ArrayList<>(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            JsonNode p = ring.get(i);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw ProblemException.invalid(field + "[" + i + "]", "a position is [longitude, latitude]");
            }
            double lon = p.get(0).asDouble();
            double lat = p.get(1).asDouble();
            checkRange(lon, lat, field + "[" + i + "]");
            cs.add(new Coordinate(lon, lat));
        }
        if (!cs.get(0).equals2D(cs.get(cs.size() - 1))) {
            throw ProblemException.invalid(field, "the ring is not closed: the last position must equal the first");
        }
        return FACTORY.createLinearRing(cs.toArray(Coordinate[]::new));
    }

    public static void checkRange(double lon, double lat, String field) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!(lon >= -180 && lon <= 180)) {
            errors.add(new Problem.FieldError(field, "longitude " + lon + " is outside -180..180"));
        }
        if (!(lat >= -90 && lat <= 90)) {
            errors.add(new Problem.FieldError(field, "latitude " + lat + " is outside -90..90"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
