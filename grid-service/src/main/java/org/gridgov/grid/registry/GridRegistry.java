package org.gridgov.grid.registry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.GridUpsertedV1;
import org.gridgov.common.geo.GeoJson;
import org.gridgov.common.geo.GridIndex;
import org.gridgov.common.geo.RefreshingGridIndex;
import org.gridgov.common.messaging.Outbox;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.tx.Transactions;
import org.locationtech.jts.geom.Geometry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The rules of the one net: codes nest in their parent's, geographic grids have valid boundaries
 * that do not overlap, every change is kept in the node's history and announced on the registry
 * topic, and a retired node hands what it held to its successor so nothing is orphaned.
 */
@ApplicationScoped
public class GridRegistry {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** rebuilt when the grids change, seen from any replica of grid-service within a second */
    private final RefreshingGridIndex index = new RefreshingGridIndex(1000);

    @Transactional
    public GridNode create(GridRequest req, String actor) {
        if (GridNode.findById(req.code()) != null) {
            throw ProblemException.invalid("code", "grid code " + req.code() + " already exists");
        }
        GridNode n = new GridNode();
        n.code = req.code();
        n.createdAt = OffsetDateTime.now();
        apply(n, req, null);
        n.persist();
        changed(n, "CREATE", actor);
        return n;
    }

    @Transactional
    public GridNode replace(String code, GridRequest req, String actor) {
        GridNode n = active(code);
        if (!code.equals(req.code())) {
            throw ProblemException.invalid("code", "must equal the code in the path (" + code + ")");
        }
        if (n.level != req.level()) {
            throw ProblemException.invalid("level", "cannot change from " + n.level + "; retire the node and create a new one");
        }
        apply(n, req, null);
        changed(n, "UPDATE", actor);
        return n;
    }

    /**
     * Retires a node. Active children are refused (retire or reorganise them first); a grid's
     * households, buildings and people move to the successor grid in the same transaction.
     */
    @Transactional
    public GridNode retire(String code, String successorCode, String actor) {
        GridNode n = active(code);
        List<String> children = em.createQuery("select g.code from GridNode g where g.parentCode = :c and g.status = 'ACTIVE' order by g.code",
                String.class).setParameter("c", code).getResultList();
        if (!children.isEmpty()) {
            throw ProblemException.conflict(code + " still has active children " + children + "; retire or move them first");
        }
        long holdings = ((Number) em.createNativeQuery("select (select count(*) from household where grid_code = :c and status = 'ACTIVE') "
                + "+ (select count(*) from building where grid_code = :c) + (select count(*) from household_grid where grid_code = :c)")
                .setParameter("c", code).getSingleResult()).longValue();
        if (successorCode == null && holdings > 0) {
            throw ProblemException.invalid("successorCode", code + " holds " + holdings + " households/buildings; name the grid that takes them over");
        }
        if (successorCode != null) {
            GridNode s = GridNode.findById(successorCode);
            if (s == null || !GridNode.ACTIVE.equals(s.status)) {
                throw ProblemException.invalid("successorCode", "no active node " + successorCode);
            }
            if (s.level != n.level || s.code.equals(code)) {
                throw ProblemException.invalid("successorCode", "the successor must be another active " + n.level);
            }
            moveHoldings(code, successorCode);
            n.successorCodes = List.of(successorCode);
            s.updatedAt = OffsetDateTime.now();
            changed(s, "HOLDINGS", actor); // announced again: its workers may have changed
        }
        n.status = GridNode.RETIRED;
        n.retiredAt = OffsetDateTime.now();
        n.updatedAt = n.retiredAt;
        changed(n, "RETIRE", actor);
        return n;
    }

    /** Moves households, buildings, thematic memberships and people assignments from one grid to another. */
    void moveHoldings(String from, String to) {
        em.createNativeQuery("update household set grid_code = :to, updated_at = now() where grid_code = :from")
                .setParameter("to", to).setParameter("from", from).executeUpdate();
        em.createNativeQuery("update building set grid_code = :to where grid_code = :from")
                .setParameter("to", to).setParameter("from", from).executeUpdate();
        em.createNativeQuery("insert into household_grid (household_id, grid_code) select household_id, :to from household_grid "
                + "where grid_code = :from on conflict do nothing").setParameter("to", to).setParameter("from", from).executeUpdate();
        em.createNativeQuery("delete from household_grid where grid_code = :from").setParameter("from", from).executeUpdate();
        em.createNativeQuery("insert into person_grid (person_id, grid_code) select person_id, :to from person_grid "
                + "where grid_code = :from on conflict do nothing").setParameter("to", to).setParameter("from", from).executeUpdate();
        em.createNativeQuery("delete from person_grid where grid_code = :from").setParameter("from", from).executeUpdate();
    }

    public GridNode active(String code) {
        GridNode n = GridNode.findById(code);
        if (n == null) {
            throw ProblemException.notFound("grid " + code);
        }
        if (!GridNode.ACTIVE.equals(n.status)) {
            throw ProblemException.conflict(code + " is " + n.status + (n.successorCodes == null ? "" : "; see " + n.successorCodes));
        }
        return n;
    }

    /**
     * Validates a request against the tree and fills the derived codes.
     *
     * @param batch when importing many nodes at once: the index of the nodes already accepted in
     *              this batch (checked for overlaps too), or null to use the stored grids
     */
    void apply(GridNode n, GridRequest req, Batch batch) {
        GridNode.Level level = req.level();
        GridNode.Kind kind = req.kind() == null ? GridNode.Kind.GEOGRAPHIC : req.kind();
        checkCodeAndKind(req, level, kind);
        placeInTree(n, req, level, batch);
        n.parentCode = req.parentCode();
        n.name = req.name().strip();
        n.level = level;
        n.kind = kind;
        n.theme = kind == GridNode.Kind.THEMATIC ? req.theme() : null;
        n.matters = req.matters() == null ? new ArrayList<>() : new ArrayList<>(new java.util.TreeSet<>(req.matters()));
        n.leaderId = req.leaderId();
        applyBoundary(n, req, level, kind, batch);
        n.updatedAt = OffsetDateTime.now();
        if (batch != null) {
            batch.nodes.put(n.code, n);
        }
    }

    /** The code's length and suffix for its level; a theme for, and only for, thematic level-2 grids. */
    private static void checkCodeAndKind(GridRequest req, GridNode.Level level, GridNode.Kind kind) {
        if (req.code().length() != level.codeLength) {
            throw ProblemException.invalid("code", "a " + level + " code has " + level.codeLength + " digits");
        }
        if (kind == GridNode.Kind.THEMATIC && level != GridNode.Level.GRID) {
            throw ProblemException.invalid("kind", "only level-2 grids (GRID) can be thematic");
        }
        if (kind == GridNode.Kind.THEMATIC && req.theme() == null) {
            throw ProblemException.invalid("theme", "a thematic grid needs a theme: INDUSTRY, AGE_GROUP or INTEREST");
        }
        if (level == GridNode.Level.GRID1 && !req.code().endsWith("000")) {
            throw ProblemException.invalid("code", "a level-1 grid's code is its community code followed by 000");
        }
        if (level == GridNode.Level.GRID && req.code().endsWith("000")) {
            throw ProblemException.invalid("code", "a level-2 grid's code ends in 001..999 (000 is the level-1 grid)");
        }
    }

    /** Checks the parent (active, one level up, a prefix of the code) and fills the ancestors' codes. */
    private static void placeInTree(GridNode n, GridRequest req, GridNode.Level level, Batch batch) {
        if (level.parent() == null) {
            if (req.parentCode() != null) {
                throw ProblemException.invalid("parentCode", "a DISTRICT has no parent");
            }
            n.districtCode = req.code();
            return;
        }
        if (req.parentCode() == null) {
            throw ProblemException.invalid("parentCode", "a " + level + " needs its " + level.parent() + " parent");
        }
        GridNode parent = batch != null && batch.nodes.containsKey(req.parentCode()) ? batch.nodes.get(req.parentCode())
                : GridNode.findById(req.parentCode());
        if (parent == null) {
            throw ProblemException.invalid("parentCode", "unknown parent code " + req.parentCode());
        }
        if (!GridNode.ACTIVE.equals(parent.status)) {
            throw ProblemException.invalid("parentCode", req.parentCode() + " is " + parent.status);
        }
        if (parent.level != level.parent()) {
            throw ProblemException.invalid("parentCode", req.parentCode() + " is a " + parent.level + ", not a " + level.parent());
        }
        String prefix = level == GridNode.Level.GRID ? parent.communityCode : parent.code;
        if (!req.code().startsWith(prefix)) {
            throw ProblemException.invalid("code", "must start with " + prefix + " (the parent's place in the tree)");
        }
        n.districtCode = parent.districtCode;
        n.streetCode = level == GridNode.Level.STREET ? req.code() : parent.streetCode;
        n.communityCode = level == GridNode.Level.COMMUNITY ? req.code() : parent.communityCode;
        n.grid1Code = level == GridNode.Level.GRID1 ? req.code() : parent.grid1Code;
    }

    /**
     * The boundary: required of a geographic level-2 grid, refused on a thematic one; a level-2
     * boundary must not overlap another (checked here, or by the import for its whole batch).
     */
    private void applyBoundary(GridNode n, GridRequest req, GridNode.Level level, GridNode.Kind kind, Batch batch) {
        if (req.boundary() == null || req.boundary().isNull()) {
            if (level == GridNode.Level.GRID && kind == GridNode.Kind.GEOGRAPHIC) {
                throw ProblemException.invalid("boundary", "a geographic level-2 grid needs a boundary");
            }
            n.boundary = null;
            return;
        }
        if (kind == GridNode.Kind.THEMATIC) {
            throw ProblemException.invalid("boundary", "a thematic grid has no territory of its own");
        }
        Geometry g = GeoJson.polygonal(req.boundary(), "boundary");
        if (level == GridNode.Level.GRID) {
            if (batch != null) {
                batch.add(req.code(), g); // the import checks all its grids at once
            } else {
                List<String> overlaps = geographicIndex().overlapping(g, req.code());
                if (!overlaps.isEmpty()) {
                    throw ProblemException.invalid("boundary", "overlaps grid " + overlaps.get(0) + " at the same level");
                }
            }
        }
        n.boundary = req.boundary().toString();
    }

    /** Records the change in the node's history and announces it on the registry topic. */
    void changed(GridNode n, String change, String actor) {
        if (!"IMPORT".equals(change)) {
            em.flush(); // the @Version the snapshot carries
        }
        JsonNode boundary = n.boundary == null ? null : readTree(n.boundary);
        @SuppressWarnings("unchecked")
        List<String> workers = "IMPORT".equals(change) || "CREATE".equals(change) ? List.of() : em.createNativeQuery("select p.id from person p join person_grid pg on pg.person_id = p.id "
                + "where pg.grid_code = :c and p.role = 'GRID_WORKER' and p.status = 'ACTIVE' order by p.id").setParameter("c", n.code).getResultList();
        GridUpsertedV1 payload = new GridUpsertedV1(n.code, n.name, n.level.name(), n.kind.name(), n.status, n.parentCode,
                n.communityCode, n.streetCode, n.leaderId, boundary, n.version, n.districtCode, n.grid1Code, n.theme,
                List.copyOf(n.matters), workers, n.successorCodes);
        try {
            em.createNativeQuery("insert into grid_node_history (code, version, change, snapshot, changed_by, changed_at) "
                    + "values (:c, :v, :ch, :s, :by, now())").setParameter("c", n.code).setParameter("v", n.version)
                    .setParameter("ch", change).setParameter("s", mapper.writeValueAsString(payload)).setParameter("by", actor)
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        outbox.publish(payload);
        if (n.level == GridNode.Level.GRID) {
            invalidateAfterCommit();
        }
    }

    /** Announces a node again, e.g. after its workers changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reannounce(String code, String change, String actor) {
        GridNode n = GridNode.findById(code);
        if (n != null) {
            n.updatedAt = OffsetDateTime.now();
            changed(n, change, actor);
        }
    }

    private void invalidateAfterCommit() {
        index.invalidate();
        if (transactions.getResource(GridRegistry.class) != null) {
            return; // once per transaction
        }
        transactions.putResource(GridRegistry.class, Boolean.TRUE);
        Transactions.afterCompletion(transactions, index::invalidate);
    }

    JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The active geographic level-2 grids as a spatial index. */
    public GridIndex geographicIndex() {
        return QuarkusTransaction.joiningExisting().call(() -> index.get(
                () -> em.createNativeQuery("select coalesce(cast(max(updated_at) as text), '') || '/' || count(*) from grid_node "
                        + "where level = 'GRID'").getSingleResult(),
                () -> new GridIndex(GridNode.<GridNode>list(
                        "level = ?1 and kind = ?2 and status = 'ACTIVE' and boundary is not null", GridNode.Level.GRID, GridNode.Kind.GEOGRAPHIC)
                        .stream().map(n -> new GridIndex.Entry(n.code, GeoJson.polygonal(readTree(n.boundary), "boundary"))).toList())));
    }

    /** The geographic grid containing the point, if any. */
    public Optional<String> locate(double longitude, double latitude) {
        return geographicIndex().locate(longitude, latitude);
    }

    /** The node and its ancestors, from the district down. */
    public List<GridNode> lineage(String code) {
        List<GridNode> out = new ArrayList<>();
        GridNode n = GridNode.findById(code);
        while (n != null) {
            out.add(0, n);
            n = n.parentCode == null ? null : GridNode.findById(n.parentCode);
        }
        return out;
    }

    /** Nodes accepted so far in one bulk import, with their geographic boundaries. */
    public static final class Batch {
        final java.util.Map<String, GridNode> nodes = new java.util.HashMap<>();
        final List<GridIndex.Entry> boundaries = new ArrayList<>();

        void add(String code, Geometry g) {
            boundaries.add(new GridIndex.Entry(code, g));
        }

        public List<GridIndex.Entry> boundaries() {
            return boundaries;
        }
    }

    public Batch newBatch() {
        return new Batch();
    }

    /** Checks one node of an import against the tree and the nodes before it; nothing is stored yet. */
    public GridNode prepare(GridRequest req, Batch batch) {
        if (batch.nodes.containsKey(req.code()) || GridNode.findById(req.code()) != null) {
            throw ProblemException.invalid("code", "grid code " + req.code() + " already exists");
        }
        GridNode n = new GridNode();
        n.code = req.code();
        n.createdAt = OffsetDateTime.now();
        apply(n, req, batch);
        return n;
    }

    /** Stores checked import nodes (parents first), with history and announcements. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<GridNode> nodes, String actor) {
        for (GridNode n : nodes) {
            n.persist();
        }
        em.flush();
        for (GridNode n : nodes) {
            changed(n, "IMPORT", actor);
        }
    }
}
