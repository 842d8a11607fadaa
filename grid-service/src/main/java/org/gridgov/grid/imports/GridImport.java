package org.gridgov.grid.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.gridgov.common.geo.GridIndex;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.registry.GridNode;
import org.gridgov.grid.registry.GridRegistry;
import org.gridgov.grid.registry.GridRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Imports grids from a GeoJSON FeatureCollection: one Feature per node, its properties the
 * fields of a grid request, its geometry the boundary. Every feature is checked first; a file
 * with any error imports nothing and answers with every error (feature index, field, reason).
 */
@ApplicationScoped
public class GridImport {
    /** errors reported at most; the count says how many there were */
    static final int MAX_ERRORS = 1000;

    @Inject
    GridRegistry registry;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper mapper;

    public record Result(int imported, long millis) {
    }

    /** One readable, valid feature: its place in the file and its request. */
    private record Row(int index, GridRequest request) {
    }

    @Transactional
    public Result importFeatures(JsonNode collection, String actor) {
        long t0 = System.nanoTime();
        if (collection == null || !"FeatureCollection".equals(collection.path("type").asText())
                || !collection.path("features").isArray()) {
            throw ProblemException.invalid("type", "a GeoJSON FeatureCollection with a features array is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Row> rows = readFeatures(collection.get("features"), errors);
        // parents before children, whatever the order in the file
        rows.sort(Comparator.comparingInt((Row r) -> r.request().level().ordinal()).thenComparingInt(Row::index));
        GridRegistry.Batch batch = registry.newBatch();
        List<GridNode> accepted = prepareAll(rows, batch, errors);
        checkOverlaps(rows, batch, errors);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::row, Comparator.nullsFirst(Comparator.<Integer>naturalOrder()))
                    .thenComparing(Problem.FieldError::field));
            throw new ProblemException(400, "Import refused", errors.size() + " error(s); nothing was imported",
                    errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        }
        registry.store(accepted, actor);
        return new Result(accepted.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** The features that read as valid grid requests; an error for each of the others. */
    private List<Row> readFeatures(JsonNode features, List<Problem.FieldError> errors) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String at = "features[" + i + "]";
            if (!"Feature".equals(f.path("type").asText()) || !f.path("properties").isObject()) {
                errors.add(new Problem.FieldError(at, "a Feature with properties is required", i));
                continue;
            }
            try {
                GridRequest r = request(f);
                Set<ConstraintViolation<GridRequest>> violations = validator.validate(r);
                for (ConstraintViolation<GridRequest> v : violations) {
                    errors.add(new Problem.FieldError(at + ".properties." + v.getPropertyPath(), v.getMessage(), i));
                }
                if (violations.isEmpty()) {
                    rows.add(new Row(i, r));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                errors.add(new Problem.FieldError(at + ".properties", "unreadable: " + e.getMessage(), i));
            }
        }
        return rows;
    }

    /** A feature's properties as a grid request, its geometry as the boundary. */
    private GridRequest request(JsonNode f) throws com.fasterxml.jackson.core.JsonProcessingException {
        JsonNode properties = f.get("properties");
        return new GridRequest(text(f, "code"), text(f, "name"),
                properties.hasNonNull("level") ? mapper.treeToValue(properties.get("level"), GridNode.Level.class) : null,
                text(f, "parentCode"),
                properties.hasNonNull("kind") ? mapper.treeToValue(properties.get("kind"), GridNode.Kind.class) : null,
                text(f, "theme"),
                properties.hasNonNull("matters") ? List.of(mapper.treeToValue(properties.get("matters"), String[].class)) : null,
                text(f, "leaderId"), f.hasNonNull("geometry") ? f.get("geometry") : null);
    }

    /** Checks each row against the tree and the rows before it; errors named by feature and field. */
    private List<GridNode> prepareAll(List<Row> rows, GridRegistry.Batch batch, List<Problem.FieldError> errors) {
        List<GridNode> accepted = new ArrayList<>();
        for (Row row : rows) {
            String at = "features[" + row.index() + "]";
            try {
                accepted.add(registry.prepare(row.request(), batch));
            } catch (ProblemException e) {
                e.errors().forEach(err -> errors.add(new Problem.FieldError(
                        err.field().equals("boundary") || err.field().startsWith("boundary.") ? at + ".geometry" + err.field().substring(8)
                                : at + ".properties." + err.field(), err.reason(), row.index())));
            }
        }
        return accepted;
    }

    /** Overlaps among the imported grids and with the stored ones, checked with one index each. */
    private void checkOverlaps(List<Row> rows, GridRegistry.Batch batch, List<Problem.FieldError> errors) {
        GridIndex imported = new GridIndex(batch.boundaries());
        GridIndex stored = registry.geographicIndex();
        for (GridIndex.Entry e : batch.boundaries()) {
            List<String> overlaps = new ArrayList<>(imported.overlapping(e.boundary(), e.code()));
            overlaps.addAll(stored.overlapping(e.boundary(), e.code()));
            if (!overlaps.isEmpty()) {
                int index = rows.stream().filter(r -> r.request().code().equals(e.code())).findFirst().map(Row::index).orElse(-1);
                errors.add(new Problem.FieldError("features[" + index + "].geometry", "overlaps grid " + overlaps.get(0) + " at the same level", index));
            }
        }
    }

    private static String text(JsonNode feature, String field) {
        JsonNode v = feature.get("properties").get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
