package org.gridgov.grid.imports;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.security.Jurisdiction;
import org.gridgov.grid.registry.CountyChecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * A county's administrator imports within her county only: a file naming any code outside it (or a county node) is
 * refused as a whole, 403 listing every such feature or row, before anything else is checked. The system
 * administrator's files are not looked at here. What is not readable is left to the import's own checks (400).
 */
final class ImportScope {
    private ImportScope() {
    }

    /** every feature's code and parentCode */
    static void checkGrids(Jurisdiction j, JsonNode collection) {
        if (j.unrestricted() || collection == null || !collection.path("features").isArray()) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode features = collection.get("features");
        for (int i = 0; i < features.size(); i++) {
            JsonNode p = features.get(i).path("properties");
            for (String field : new String[] { "code", "parentCode" }) {
                JsonNode v = p.get(field);
                String why = v == null || !v.isTextual() ? null : field.equals("code") ? CountyChecks.refusal(j, v.asText())
                        : CountyChecks.parentRefusal(j, v.asText());
                if (why != null) {
                    errors.add(new Problem.FieldError("features[" + i + "].properties." + field, why, i));
                }
            }
        }
        refuse(errors);
    }

    /** every row's grid, building and thematic grids (they place the household; its code is free-form); rows are CSV lines (the header is line 1) */
    static void checkHouseholds(Jurisdiction j, byte[] csv) {
        if (j.unrestricted()) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        try (Reader reader = new InputStreamReader(new java.io.ByteArrayInputStream(csv), StandardCharsets.UTF_8);
                MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader)) {
            if (!it.hasNext()) {
                return;
            }
            String[] fields = fields(it.next());
            int line = 1;
            while (it.hasNext()) {
                line++;
                row(j, fields, it.next(), line, errors);
            }
        } catch (IOException | RuntimeException e) {
            return; // the import says what is wrong with the file
        }
        refuse(errors);
    }

    private static String[] fields(String[] header) {
        String[] fields = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            String h = header[i].replace("\uFEFF", "").strip();
            fields[i] = HouseholdImport.HEADERS.get(HouseholdImport.HEADERS.containsKey(h) ? h : h.toLowerCase());
        }
        return fields;
    }

    private static void row(Jurisdiction j, String[] fields, String[] cells, int line, List<Problem.FieldError> errors) {
        for (int i = 0; i < Math.min(fields.length, cells.length); i++) {
            if (fields[i] == null || cells[i].isBlank()) {
                continue;
            }
            switch (fields[i]) {
                case "gridCode", "buildingCode" -> add(errors, fields[i], CountyChecks.refusal(j, cells[i].strip()), line);
                case "thematicGrids" -> {
                    for (String code : cells[i].split("[^0-9]+")) {
                        add(errors, "thematicGrids", code.isEmpty() ? null : CountyChecks.refusal(j, code), line);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void add(List<Problem.FieldError> errors, String field, String why, int line) {
        if (why != null) {
            errors.add(new Problem.FieldError(field, why, line));
        }
    }

    private static void refuse(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw CountyChecks.forbidden(errors.size() > GridImport.MAX_ERRORS ? errors.subList(0, GridImport.MAX_ERRORS) : errors);
        }
    }
}
