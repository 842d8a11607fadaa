package org.gridgov.grid.grid;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.payload.GridUpsertedV1;
import org.gridgov.common.geo.GeoJson;
import org.gridgov.common.geo.GridIndex;
import org.gridgov.common.messaging.Outbox;
import org.gridgov.common.problem.ProblemException;
import org.locationtech.jts.geom.Geometry;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Registry rules: codes nest in their parent's, grids have valid boundaries that do not overlap. */
@ApplicationScoped
public class GridRegistry {

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    private volatile GridIndex index;

    @Transactional
    public GridNode create(GridRequest req) {
        if (GridNode.findById(req.code()) != null) {
            throw ProblemException.conflict("grid code " + req.code() + " already exists");
        }
        GridNode n = new GridNode();
        n.code = req.code();
        n.createdAt = OffsetDateTime.now();
        apply(n, req);
        n.persist();
        announce(n);
        return n;
    }

    @Transactional
    public GridNode replace(String code, GridRequest req) {
        GridNode n = GridNode.findById(code);
        if (n == null) {
            throw ProblemException.notFound("grid " + code);
        }
        if (!code.equals(req.code())) {
            throw ProblemException.invalid("code", "must equal the code in the path (" + code + ")");
        }
        if (n.level != req.level()) {
            throw ProblemException.invalid("level", "cannot change from " + n.level + "; retire the node and create a new one");
        }
        apply(n, req);
        GridNode.getEntityManager().flush(); // bump @Version before announcing it
        announce(n);
        return n;
    }

    private void apply(GridNode n, GridRequest req) {
        GridNode.Level level = req.level();
        if (req.code().length() != level.codeLength) {
            throw ProblemException.invalid("code", "a " + level + " code has " + level.codeLength + " digits");
        }
        if (level.parent() == null) {
            if (req.parentCode() != null) {
                throw ProblemException.invalid("parentCode", "a STREET has no parent in this registry");
            }
            n.streetCode = req.code();
        } else {
            if (req.parentCode() == null) {
                throw ProblemException.invalid("parentCode", "a " + level + " needs its " + level.parent() + " parent");
            }
            GridNode parent = GridNode.findById(req.parentCode());
            if (parent == null) {
                throw ProblemException.invalid("parentCode", "unknown parent code " + req.parentCode());
            }
            if (parent.level != level.parent()) {
                throw ProblemException.invalid("parentCode", req.parentCode() + " is a " + parent.level + ", not a " + level.parent());
            }
            if (!req.code().startsWith(parent.code)) {
                throw ProblemException.invalid("code", "must start with the parent code " + parent.code);
            }
            n.streetCode = parent.streetCode;
            n.communityCode = level == GridNode.Level.COMMUNITY ? req.code() : parent.communityCode;
        }
        n.parentCode = req.parentCode();
        n.name = req.name().strip();
        n.level = level;
        n.leaderId = req.leaderId();
        if (req.boundary() != null && !req.boundary().isNull()) {
            Geometry g = GeoJson.polygonal(req.boundary(), "boundary");
            if (level == GridNode.Level.GRID) {
                checkNoOverlap(req.code(), g);
            }
            n.boundary = req.boundary().toString();
        } else {
            if (level == GridNode.Level.GRID) {
                throw ProblemException.invalid("boundary", "a geographic GRID needs a boundary");
            }
            n.boundary = null;
        }
        n.updatedAt = OffsetDateTime.now();
    }

    private void checkNoOverlap(String code, Geometry g) {
        List<GridNode> grids = GridNode.list("level = ?1 and status = 'ACTIVE' and code <> ?2", GridNode.Level.GRID, code);
        for (GridNode other : grids) {
            Geometry o = GeoJson.polygonal(readTree(other.boundary), "boundary");
            if (o.getEnvelopeInternal().intersects(g.getEnvelopeInternal()) && g.relate(o, "T********")) {
                throw ProblemException.invalid("boundary", "overlaps grid " + other.code + " (" + other.name + ")");
            }
        }
    }

    private void announce(GridNode n) {
        GridUpsertedV1 payload = new GridUpsertedV1(n.code, n.name, n.level.name(), n.kind, n.status, n.parentCode,
                n.communityCode, n.streetCode, n.leaderId, n.boundary == null ? null : readTree(n.boundary), n.version);
        outbox.publish(EventType.GRID_UPSERTED, n.code, n.code, payload);
        index = null;
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The grid containing the point, if any. */
    public Optional<GridNode> locate(double longitude, double latitude) {
        GridIndex idx = index;
        if (idx == null) {
            idx = QuarkusTransaction.requiringNew().call(() -> new GridIndex(GridNode.<GridNode>list(
                    "level = ?1 and status = 'ACTIVE' and boundary is not null", GridNode.Level.GRID).stream()
                    .map(n -> new GridIndex.Entry(n.code, GeoJson.polygonal(readTree(n.boundary), "boundary")))
                    .toList()));
            index = idx;
        }
        return idx.locate(longitude, latitude).map(code -> QuarkusTransaction.requiringNew().call(() -> GridNode.findById(code)));
    }
}
