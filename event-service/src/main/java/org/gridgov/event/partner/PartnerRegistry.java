package org.gridgov.event.partner;

import java.time.OffsetDateTime;
import java.util.List;

import org.gridgov.common.contract.Topics;
import org.gridgov.common.messaging.TopicBootstrap;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.tx.Transactions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The partner systems allowed to report over Kafka, each on its own topic
 * {@code gridgov.partner.<code>.report.v1}. Registering a partner creates its topic where the
 * service creates topics itself (local run, tests); in Kubernetes its KafkaTopic and KafkaUser
 * come with it (deploy/). A revoked partner's reports are dead-lettered; its code is not reused.
 */
@ApplicationScoped
public class PartnerRegistry {
    static final String CODE = "[a-z0-9][a-z0-9-]{0,39}";

    @Inject
    EntityManager em;

    @Inject
    TopicBootstrap topics;

    /** A registered partner; {@code topic} is where it writes, {@code revokedAt} set once it may no longer. */
    public record Partner(String code, String name, String topic, OffsetDateTime createdAt, String createdBy, OffsetDateTime revokedAt,
            String revokedBy) {
    }

    public record NewPartner(String code, String name) {
    }

    public Partner register(NewPartner p, String by) {
        if (p == null || p.code() == null || !p.code().matches(CODE)) {
            throw ProblemException.invalid("code", "required: 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit");
        }
        if (p.name() == null || p.name().isBlank() || p.name().length() > 200) {
            throw ProblemException.invalid("name", "required, at most 200 characters");
        }
        Partner created = QuarkusTransaction.requiringNew().call(() -> {
            if (find(p.code()) != null) {
                throw ProblemException.conflict("partner " + p.code() + " is registered already (a revoked code is not reused)");
            }
            em.createNativeQuery("insert into partner (code, name, created_at, created_by) values (?1, ?2, now(), ?3)")
                    .setParameter(1, p.code()).setParameter(2, p.name().strip()).setParameter(3, by).executeUpdate();
            return find(p.code());
        });
        topics.ensure(List.of(Topics.partnerSpec(p.code())));
        return created;
    }

    public List<Partner> list() {
        return QuarkusTransaction.requiringNew().call(() -> rows("select code, name, created_at, created_by, revoked_at, revoked_by from partner order by code")
                .getResultList().stream().map(r -> partner((Object[]) r)).toList());
    }

    public Partner get(String code) {
        Partner p = QuarkusTransaction.requiringNew().call(() -> find(code));
        if (p == null) {
            throw ProblemException.notFound("partner " + code);
        }
        return p;
    }

    /** Revokes the partner: what it writes from now on is dead-lettered. Revoking twice changes nothing. */
    public Partner revoke(String code, String by) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Partner p = find(code);
            if (p == null) {
                throw ProblemException.notFound("partner " + code);
            }
            em.createNativeQuery("update partner set revoked_at = now(), revoked_by = ?2 where code = ?1 and revoked_at is null")
                    .setParameter(1, code).setParameter(2, by).executeUpdate();
            return find(code);
        });
    }

    /** The partner that may write this topic now, in the caller's transaction; null if unknown or revoked. */
    Partner active(String code) {
        Partner p = code == null ? null : find(code);
        return p == null || p.revokedAt() != null ? null : p;
    }

    /** The topics of all partners, revoked ones included (what is still on them is dead-lettered, not lost). */
    void ensureTopics() {
        List<String> codes = codes();
        if (!codes.isEmpty()) {
            topics.ensure(codes.stream().map(Topics::partnerSpec).toList());
        }
    }

    private List<String> codes() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select code from partner order by code", String.class).getResultList());
    }

    private Partner find(String code) {
        List<?> r = rows("select code, name, created_at, created_by, revoked_at, revoked_by from partner where code = ?1").setParameter(1, code)
                .getResultList();
        return r.isEmpty() ? null : partner((Object[]) r.get(0));
    }

    private jakarta.persistence.Query rows(String sql) {
        return em.createNativeQuery(sql);
    }

    private static Partner partner(Object[] r) {
        String code = (String) r[0];
        return new Partner(code, (String) r[1], Topics.partnerReports(code), Transactions.offset(r[2]), (String) r[3], Transactions.offset(r[4]),
                (String) r[5]);
    }
}
