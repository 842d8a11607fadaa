package org.gridgov.scoring.subjects;

import java.util.List;

import org.gridgov.common.contract.CadreClass;
import org.gridgov.common.contract.EventType;
import org.gridgov.common.contract.Topics;
import org.gridgov.common.contract.payload.PersonUpsertedV1;
import org.gridgov.common.messaging.CloudEventConsumers;
import org.gridgov.common.messaging.Handlers;
import org.gridgov.scoring.jdbc.Db;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Individuals' classes from grid-service's people (person-upserted on the registry topic), so that each is scored by
 * its class's standard without anyone keeping a second copy: {@link #classOf} says which class a person is.
 * A record older than the one applied is skipped; the inbox makes a redelivery a no-op.
 */
@ApplicationScoped
public class PersonConsumer {
    public static final String NAME = "scoring-service.people";

    @Inject
    Db db;

    void start(@Observes StartupEvent ev, CloudEventConsumers consumers) {
        consumers.subscribe(NAME, List.of(Topics.GRID_REGISTRY), Handlers.create()
                .on(EventType.PERSON_UPSERTED, PersonUpsertedV1.class, (p, envelope) -> apply(p)));
    }

    /**
     * The class of a person: the cadre class of a cadre or party member (a party member without one is class 4,
     * {@code PARTY_MEMBER}; a cadre without one has none until grid-service gives one), {@code GRID_WORKER} for grid
     * leaders and workers, {@code VOLUNTEER} for volunteers and building leaders (volunteer points).
     */
    public static String classOf(PersonUpsertedV1 p) {
        String cadre = CadreClass.of(p.cadreClass()).map(Enum::name).orElse(null);
        return switch (p.role() == null ? "" : p.role()) {
            case "CADRE" -> cadre;
            case "PARTY_MEMBER" -> cadre != null ? cadre : CadreClass.PARTY_MEMBER.name();
            case "GRID_LEADER", "GRID_WORKER" -> "GRID_WORKER";
            case "VOLUNTEER", "BUILDING_LEADER" -> "VOLUNTEER";
            default -> null;
        };
    }

    void apply(PersonUpsertedV1 p) {
        if (p.personId() == null || p.personId().isBlank()) {
            throw new IllegalArgumentException("person-upserted without personId");
        }
        String home = p.gridCodes() == null || p.gridCodes().isEmpty() ? null : p.gridCodes().stream().sorted().findFirst().orElseThrow();
        db.inTx(c -> org.gridgov.scoring.jdbc.Sql.update(c, """
                insert into subject as s (subject, subject_type, class_code, home_code, person_role, person_status, person_updated_at)
                values (?, 'USER', ?, ?, ?, ?, ?)
                on conflict (subject) do update set class_code = excluded.class_code, home_code = coalesce(excluded.home_code, s.home_code),
                    person_role = excluded.person_role, person_status = excluded.person_status,
                    person_updated_at = excluded.person_updated_at, updated_at = now()
                where s.person_updated_at is null or s.person_updated_at <= excluded.person_updated_at""",
                "USER:" + p.personId(), classOf(p), home, p.role(), p.status(), p.updatedAt()));
    }
}
