package org.gridgov.escalation.routing;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.gridgov.common.problem.Problem;
import org.gridgov.common.problem.ProblemException;
import org.gridgov.common.tx.Transactions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** The stored versions of the routing rules. An edit stores a new version; old versions stay readable. */
@ApplicationScoped
public class RoutingRules {

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private volatile RuleSet current;

    /** the name under which a new version on any replica drops every replica's cached rules */
    static final String CACHE = "escalation.routing";

    @Inject
    org.gridgov.common.cache.ReplicaCaches replicas;

    void listen(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        replicas.onChange(CACHE, () -> current = null);
    }

    public RuleSet current() {
        RuleSet c = current;
        if (c == null) {
            c = QuarkusTransaction.joiningExisting().call(() -> {
                Number v = (Number) em.createNativeQuery("select max(version) from routing_rule_set").getSingleResult();
                return load(v.intValue());
            });
            current = c;
        }
        return c;
    }

    public RuleSet version(int version) {
        RuleSet s = load(version);
        if (s.rules().isEmpty()) {
            throw ProblemException.notFound("routing rule version " + version);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    RuleSet load(int version) {
        List<Object[]> rows = em.createNativeQuery("select id, category_prefix, place_prefix, tier, handler, cooperating, urgent_hours "
                + "from routing_rule where version = :v order by position").setParameter("v", version).getResultList();
        return new RuleSet(version, rows.stream().map(r -> new RoutingRule((String) r[0], (String) r[1], (String) r[2],
                Router.Tier.valueOf((String) r[3]), (String) r[4], r[5] instanceof String[] a ? Arrays.asList(a) : List.of(),
                r[6] == null ? null : ((Number) r[6]).intValue())).toList());
    }

    @SuppressWarnings("unchecked")
    public Set<String> departments() {
        return new HashSet<>(em.createNativeQuery("select code from department").getResultList());
    }

    /** Stores a new version after checking that no category and place is left without a handler. */
    @Transactional
    public RuleSet publish(List<RoutingRule> rules, String actor, String note) {
        List<Problem.FieldError> errors = RuleSet.check(rules, departments());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        em.createNativeQuery("lock table routing_rule_set in exclusive mode").executeUpdate();
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from routing_rule_set").getSingleResult()).intValue();
        em.createNativeQuery("insert into routing_rule_set (version, created_at, created_by, note) values (:v, :t, :by, :n)")
                .setParameter("v", version).setParameter("t", OffsetDateTime.now()).setParameter("by", actor).setParameter("n", note)
                .executeUpdate();
        for (int i = 0; i < rules.size(); i++) {
            RoutingRule r = rules.get(i);
            em.createNativeQuery("insert into routing_rule (version, position, id, category_prefix, place_prefix, tier, handler, "
                    + "cooperating, urgent_hours) values (:v, :p, :id, :c, :pl, :t, :h, cast(:coop as text[]), :u)")
                    .setParameter("v", version).setParameter("p", i).setParameter("id", r.id()).setParameter("c", r.categoryPrefix())
                    .setParameter("pl", r.placePrefix()).setParameter("t", r.tier().name()).setParameter("h", r.handler())
                    .setParameter("coop", "{" + String.join(",", r.cooperating() == null ? List.of() : r.cooperating()) + "}")
                    .setParameter("u", r.urgentHours()).executeUpdate();
        }
        Transactions.afterCommit(transactions, () -> current = null);
        replicas.changed(CACHE);
        return new RuleSet(version, rules);
    }
}
