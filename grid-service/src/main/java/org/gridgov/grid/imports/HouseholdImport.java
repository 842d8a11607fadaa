package org.gridgov.grid.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gridgov.common.pii.PersonalData;
import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.grid.household.Household;
import org.gridgov.grid.household.HouseholdRequest;
import org.hibernate.Session;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Imports household files from UTF-8 CSV with a header row; headers may be English field names
 * or their Chinese labels (户编码, 网格编码, 楼栋编码, 地址, 户主姓名, 联系电话, 身份证号, 人口数, 标签,
 * 重点标签, 联系人, 专题网格). Lists inside a cell are separated by ; | 、 or ，. Every row is checked
 * first (line, field, reason); a file with any error imports nothing.
 */
@ApplicationScoped
public class HouseholdImport {

    static final Map<String, String> HEADERS = new HashMap<>();
    static {
        String[][] pairs = { { "code", "户编码" }, { "gridCode", "网格编码" }, { "buildingCode", "楼栋编码" }, { "address", "地址" },
                { "headName", "户主姓名" }, { "headPhone", "联系电话" }, { "headIdNumber", "身份证号" }, { "memberCount", "人口数" },
                { "tags", "标签" }, { "focusTags", "重点标签" }, { "contactPersonId", "联系人" }, { "thematicGrids", "专题网格" } };
        for (String[] p : pairs) {
            HEADERS.put(p[0].toLowerCase(), p[0]);
            HEADERS.put(p[1], p[0]);
        }
    }

    static final Map<String, Household.Tag> TAGS = Map.of("流动户", Household.Tag.MIGRANT, "党员户", Household.Tag.PARTY_MEMBER,
            "老龄户", Household.Tag.ELDERLY, "一般户", Household.Tag.ORDINARY);
    static final Map<String, Household.FocusTag> FOCUS = Map.of("贫困户", Household.FocusTag.POOR, "矛盾纠纷户",
            Household.FocusTag.DISPUTE, "上访户", Household.FocusTag.PETITIONER, "建房申请户", Household.FocusTag.BUILDING_PERMIT,
            "12345诉求人", Household.FocusTag.HOTLINE_12345);

    @Inject
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    PersonalData pii;

    public record Result(int imported, long millis) {
    }

    private record Row(int line, HouseholdRequest request) {
    }

    @Transactional
    public Result importCsv(InputStream csv) {
        long t0 = System.nanoTime();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Row> rows = parse(csv, errors);
        Lookups known = new Lookups(em);
        Map<String, Integer> codesInFile = new HashMap<>();
        for (Row row : rows) {
            HouseholdRequest r = row.request();
            for (ConstraintViolation<HouseholdRequest> v : validator.validate(r)) {
                errors.add(new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage(), row.line()));
            }
            if (r.gridCode() != null && !known.geographicGrids.contains(r.gridCode())) {
                errors.add(new Problem.FieldError("gridCode", "no active geographic level-2 grid " + r.gridCode(), row.line()));
            }
            if (r.buildingCode() != null) {
                String grid = known.buildings.get(r.buildingCode());
                if (grid == null) {
                    errors.add(new Problem.FieldError("buildingCode", "unknown building " + r.buildingCode(), row.line()));
                } else if (!grid.equals(r.gridCode())) {
                    errors.add(new Problem.FieldError("buildingCode", "building " + r.buildingCode() + " is in grid " + grid, row.line()));
                }
            }
            if (r.headIdNumber() != null && !PersonalData.validIdNumber(r.headIdNumber())) {
                errors.add(new Problem.FieldError("headIdNumber", "not a valid 18-character resident ID number", row.line()));
            }
            if (r.contactPersonId() != null && !known.people.contains(r.contactPersonId())) {
                errors.add(new Problem.FieldError("contactPersonId", "unknown person " + r.contactPersonId(), row.line()));
            }
            if (r.code() != null) {
                Integer first = codesInFile.putIfAbsent(r.code(), row.line());
                if (first != null) {
                    errors.add(new Problem.FieldError("code", "household code " + r.code() + " repeats line " + first, row.line()));
                } else if (known.householdCodes.contains(r.code())) {
                    errors.add(new Problem.FieldError("code", "household code " + r.code() + " already exists", row.line()));
                }
            }
            if (r.thematicGrids() != null) {
                for (int i = 0; i < r.thematicGrids().size(); i++) {
                    if (!known.thematicGrids.contains(r.thematicGrids().get(i))) {
                        errors.add(new Problem.FieldError("thematicGrids[" + i + "]", "no active thematic grid " + r.thematicGrids().get(i), row.line()));
                    }
                }
            }
            if (errors.size() > GridImport.MAX_ERRORS) {
                break;
            }
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new Problem.FieldError("file", "no household rows after the header", 1));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::row, Comparator.nullsFirst(Comparator.<Integer>naturalOrder()))
                    .thenComparing(Problem.FieldError::field));
            throw new ProblemException(400, "Import refused", errors.size() + " error(s); nothing was imported",
                    errors.size() > GridImport.MAX_ERRORS ? errors.subList(0, GridImport.MAX_ERRORS) : errors);
        }
        insert(rows);
        return new Result(rows.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private List<Row> parse(InputStream csv, List<Problem.FieldError> errors) {
        List<Row> rows = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        try (Reader reader = new InputStreamReader(csv, StandardCharsets.UTF_8);
                MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema()).readValues(reader)) {
            if (!it.hasNext()) {
                errors.add(new Problem.FieldError("header", "the file is empty", 1));
                return rows;
            }
            String[] header = it.next();
            String[] fields = new String[header.length];
            for (int i = 0; i < header.length; i++) {
                String h = header[i].replace("\uFEFF", "").strip();
                fields[i] = HEADERS.get(HEADERS.containsKey(h) ? h : h.toLowerCase());
                if (fields[i] == null) {
                    errors.add(new Problem.FieldError("header", "unknown column '" + h + "'", 1));
                }
            }
            if (!errors.isEmpty()) {
                return rows;
            }
            int line = 1;
            while (it.hasNext()) {
                line++;
                String[] cells;
                try {
                    cells = it.next();
                } catch (RuntimeException e) {
                    errors.add(new Problem.FieldError("row", "unreadable CSV: " + e.getMessage(), line));
                    break;
                }
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (cells.length != fields.length) {
                    errors.add(new Problem.FieldError("row", "has " + cells.length + " cells, the header has " + fields.length, line));
                    continue;
                }
                Map<String, String> v = new HashMap<>();
                for (int i = 0; i < fields.length; i++) {
                    v.put(fields[i], cells[i].isEmpty() ? null : cells[i]);
                }
                HouseholdRequest r = toRequest(v, line, errors);
                if (r != null) {
                    rows.add(new Row(line, r));
                }
            }
        } catch (IOException | RuntimeException e) {
            errors.add(new Problem.FieldError("file", "not readable as UTF-8 CSV: " + e.getMessage(), null));
        }
        return rows;
    }

    private static HouseholdRequest toRequest(Map<String, String> v, int line, List<Problem.FieldError> errors) {
        Integer members = null;
        if (v.get("memberCount") != null) {
            try {
                members = Integer.valueOf(v.get("memberCount"));
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("memberCount", "'" + v.get("memberCount") + "' is not a number", line));
                return null;
            }
        }
        List<Household.Tag> tags = new ArrayList<>();
        for (String t : split(v.get("tags"))) {
            Household.Tag tag = TAGS.get(t);
            if (tag == null) {
                try {
                    tag = Household.Tag.valueOf(t);
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError("tags", "unknown tag '" + t + "'", line));
                    return null;
                }
            }
            tags.add(tag);
        }
        List<Household.FocusTag> focus = new ArrayList<>();
        for (String t : split(v.get("focusTags"))) {
            Household.FocusTag tag = FOCUS.get(t);
            if (tag == null) {
                try {
                    tag = Household.FocusTag.valueOf(t);
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError("focusTags", "unknown focus tag '" + t + "'", line));
                    return null;
                }
            }
            focus.add(tag);
        }
        List<String> themes = split(v.get("thematicGrids"));
        return new HouseholdRequest(v.get("code"), v.get("gridCode"), v.get("buildingCode"), v.get("address"), v.get("headName"),
                v.get("headPhone"), v.get("headIdNumber"), members, tags, focus, v.get("contactPersonId"),
                themes.isEmpty() ? null : themes);
    }

    private static List<String> split(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.split("[;|、，,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** What the rows are checked against, read once per import. */
    static final class Lookups {
        final Set<String> geographicGrids = new HashSet<>();
        final Set<String> thematicGrids = new HashSet<>();
        final Map<String, String> buildings = new HashMap<>();
        final Set<String> people = new HashSet<>();
        final Set<String> householdCodes = new HashSet<>();

        @SuppressWarnings("unchecked")
        Lookups(EntityManager em) {
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select code, kind from grid_node where level = 'GRID' and status = 'ACTIVE'")
                    .getResultList()) {
                ("THEMATIC".equals(r[1]) ? thematicGrids : geographicGrids).add((String) r[0]);
            }
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select code, grid_code from building").getResultList()) {
                buildings.put((String) r[0], (String) r[1]);
            }
            people.addAll(em.createNativeQuery("select id from person").getResultList());
            householdCodes.addAll(em.createNativeQuery("select code from household").getResultList());
        }
    }

    private void insert(List<Row> rows) {
        Timestamp now = Timestamp.from(Instant.now());
        em.unwrap(Session.class).doWork(conn -> {
            List<Long> numbers = householdNumbers(conn, rows.stream().filter(r -> r.request().code() == null).count());
            int next = 0;
            try (PreparedStatement h = conn.prepareStatement("insert into household (id, code, grid_code, building_code, address, "
                    + "head_name, head_phone_enc, head_phone_masked, head_id_enc, head_id_masked, member_count, tags, focus_tags, "
                    + "contact_person_id, status, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'ACTIVE',?,?)");
                    PreparedStatement t = conn.prepareStatement("insert into household_grid (household_id, grid_code) values (?, ?)")) {
                int batched = 0;
                for (Row row : rows) {
                    HouseholdRequest r = row.request();
                    UUID id = UUID.randomUUID();
                    String code = r.code() != null ? r.code() : r.gridCode() + "-" + numbers.get(next++);
                    bindHousehold(conn, h, id, code, r, now);
                    h.addBatch();
                    if (r.thematicGrids() != null) {
                        for (String g : new java.util.TreeSet<>(r.thematicGrids())) {
                            t.setObject(1, id);
                            t.setString(2, g);
                            t.addBatch();
                        }
                    }
                    if (++batched % 1000 == 0) {
                        h.executeBatch();
                        t.executeBatch();
                    }
                }
                h.executeBatch();
                t.executeBatch();
            }
        });
    }

    /** The next {@code needed} household numbers, for the rows that bring no code of their own. */
    private static List<Long> householdNumbers(Connection conn, long needed) throws SQLException {
        List<Long> numbers = new ArrayList<>();
        if (needed > 0) {
            try (PreparedStatement ps = conn.prepareStatement("select nextval('household_number') from generate_series(1, ?)")) {
                ps.setLong(1, needed);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(rs.getLong(1));
                    }
                }
            }
        }
        return numbers;
    }

    /** Sets the household insert's parameters from one row: personal data encrypted and masked, tags sorted. */
    private void bindHousehold(Connection conn, PreparedStatement h, UUID id, String code, HouseholdRequest r, Timestamp now)
            throws SQLException {
        String id18 = r.headIdNumber() == null ? null : r.headIdNumber().toUpperCase();
        h.setObject(1, id);
        h.setString(2, code);
        h.setString(3, r.gridCode());
        h.setString(4, r.buildingCode());
        h.setString(5, r.address().strip());
        h.setString(6, r.headName().strip());
        h.setString(7, pii.encrypt(r.headPhone()));
        h.setString(8, PersonalData.maskPhone(r.headPhone()));
        h.setString(9, pii.encrypt(id18));
        h.setString(10, PersonalData.maskIdNumber(id18));
        h.setInt(11, r.memberCount());
        List<String> tags = r.tags() == null || r.tags().isEmpty() ? List.of(Household.Tag.ORDINARY.name())
                : r.tags().stream().map(Enum::name).distinct().sorted().toList();
        h.setArray(12, conn.createArrayOf("text", tags.toArray()));
        h.setArray(13, conn.createArrayOf("text", r.focusTags() == null ? new Object[0]
                : r.focusTags().stream().map(Enum::name).distinct().sorted().toArray()));
        h.setString(14, r.contactPersonId());
        h.setTimestamp(15, now);
        h.setTimestamp(16, now);
    }
}
