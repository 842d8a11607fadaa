package org.gridgov.grid.people;

import java.time.OffsetDateTime;
import java.util.List;

import org.gridgov.common.contract.CadreClass;
import org.gridgov.common.contract.payload.PersonUpsertedV1;
import org.gridgov.common.messaging.Outbox;
import org.gridgov.common.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A person's cadre class and the person-upserted fact other services take people from (scoring-service scores
 * individuals by their class). Announced in the transaction of every change of the person or their grids; people
 * registered before the fact existed are announced once at start ({@link PersonAnnouncements}).
 */
@ApplicationScoped
public class PersonFacts {
    @Inject
    Outbox outbox;

    @Inject
    PersonGrids grids;

    /**
     * The class to keep: one of the five ({@link CadreClass}, by code or by the seeds' number {@code C1}..{@code C5}),
     * only for cadres and party members.
     *
     * @throws ProblemException 400 naming {@code cadreClass}
     */
    public static String cadreClass(Person.Role role, String cadreClass) {
        if (cadreClass == null || cadreClass.isBlank()) {
            return null;
        }
        if (role != Person.Role.CADRE && role != Person.Role.PARTY_MEMBER) {
            throw ProblemException.invalid("cadreClass", "only cadres and party members have a cadre class");
        }
        return CadreClass.of(cadreClass).map(Enum::name).orElseThrow(() -> ProblemException.invalid("cadreClass",
                "one of " + List.of(CadreClass.values()) + " (or C1..C5, the class's number)"));
    }

    /** Announces the person as stored now (a class kept before it was checked is announced only if it is one of the five). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(Person p) {
        String cadreClass = CadreClass.of(p.cadreClass).map(Enum::name).orElse(null);
        outbox.publish(new PersonUpsertedV1(p.id, p.role.name(), cadreClass, p.status,
                grids.of(p.id).stream().sorted().toList(), p.updatedAt));
        p.announcedAt = OffsetDateTime.now();
    }
}
