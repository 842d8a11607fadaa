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

    /** the latest set of each county that has one, and the latest shared set under the key "" */
    private volatile java.util.Map<String, RuleSet> current;

    /** the name under which a new version on any replica drops every replica's cached rules */
    static final String CACHE = "escalation.routing";

    @Inject
    org.gridgov.common.cache.ReplicaCaches replicas;

    void listen(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        replicas.onChange(CACHE, () -> current = null);
    }

    /** The latest shared rule set. */
    public RuleSet current() {
        return current(null);
    }

    /** The rule set that applies to a county (6 digits): its own latest, else the latest shared one; null: the shared one. */
    public RuleSet current(String county) {
        java.util.Map<String, RuleSet> c = current;
        if (c == null) {
            c = QuarkusTransaction.joiningExisting().call(this::loadLatest);
            current = c;
        }
        RuleSet own = county == null ? null : c.get(county);
        return own != null ? own : c.get("");
    }

    @SuppressWarnings("unchecked")
    private java.util.Map<String, RuleSet> loadLatest() {
        List<Object[]> rows = em.createNativeQuery("select distinct on (county) county, version from routing_rule_set "
                + "order by county, version desc").getResultList();
        java.util.Map<String, RuleSet> latest = new java.util.HashMap<>();
        for (Object[] r : rows) {
            String county = (String) r[0];
            latest.put(county == null ? "" : county, load(((Number) r[1]).intValue()));
        }
        return latest;
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
        List<String> county = em.createNativeQuery("select county from routing_rule_set where version = :v").setParameter("v", version)
                .getResultList();
        List<Object[]> rows = em.createNativeQuery("select id, category_prefix, place_prefix, tier, handler, cooperating, urgent_hours "
                + "from routing_rule where version = :v order by position").setParameter("v", version).getResultList();
        return new RuleSet(version, rows.stream().map(r -> new RoutingRule((String) r[0], (String) r[1], (String) r[2],
                Router.Tier.valueOf((String) r[3]), (String) r[4], r[5] instanceof String[] a ? Arrays.asList(a) : List.of(),
                r[6] == null ? null : ((Number) r[6]).intValue())).toList(), county.isEmpty() ? null : county.get(0));
    }

    /** Every department code, shared or of a county. */
    @SuppressWarnings("unchecked")
    public Set<String> departments() {
        return new HashSet<>(em.createNativeQuery("select code from department").getResultList());
    }

    /** The departments a county's rules may route to: the shared ones and the county's own; null: the shared ones. */
    @SuppressWarnings("unchecked")
    public Set<String> departments(String county) {
        return new HashSet<>(em.createNativeQuery("select code from department where county is null or county = :c")
                .setParameter("c", county == null ? "" : county).getResultList());
    }

    /** Stores a new version after checking that no category and place is left without a handler. */
    @Transactional
    public RuleSet publish(List<RoutingRule> rules, String actor, String note) {
        return publish(rules, actor, note, null);
    }

    /** As above, for a county's own set (county 6 digits) or the shared set (null). */
    @Transactional
    public RuleSet publish(List<RoutingRule> rules, String actor, String note, String county) {
        List<Problem.FieldError> errors = RuleSet.check(rules, departments(county), county);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        em.createNativeQuery("lock table routing_rule_set in exclusive mode").executeUpdate();
        int version = ((Number) em.createNativeQuery("select coalesce(max(version), 0) + 1 from routing_rule_set").getSingleResult()).intValue();
        em.createNativeQuery("insert into routing_rule_set (version, created_at, created_by, note, county) "
                + "values (:v, :t, :by, :n, cast(:c as text))").setParameter("c", county).setParameter("v", version)
                .setParameter("t", OffsetDateTime.now()).setParameter("by", actor).setParameter("n", note)
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
        return new RuleSet(version, rules, county);
    }
}
