package org.gridgov.common.security;

import java.lang.reflect.Method;
import java.util.Set;

import org.gridgov.common.problem.ProblemException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/**
 * Deny by default for a county's administrator ({@link Jurisdiction#countyAdmin()}): an endpoint that only
 * {@code admin} may call acts on the whole deployment (the clock, dead letters, partner systems, Open311
 * applications, the PII audit...) unless it is marked {@link CountyScoped}, in which case it checks the county itself.
 * Endpoints open to other roles as well scope the county's administrator by place like any other caller.
 */
public class CountyAdminGate {

    @Inject
    CurrentJurisdiction jurisdiction;

    @ServerRequestFilter
    public void refuse(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return;
        }
        Jurisdiction j = jurisdiction.get();
        if (!j.countyAdmin()) {
            return;
        }
        Method method = method(resource);
        if (systemWide(resource.getResourceClass(), method)) {
            throw ProblemException.forbidden("only the system administrator may call this; a county's administrator may not");
        }
    }

    /** admin-only and not marked {@link CountyScoped} */
    static boolean systemWide(Class<?> type, Method method) {
        if (type.isAnnotationPresent(CountyScoped.class) || (method != null && method.isAnnotationPresent(CountyScoped.class))) {
            return false;
        }
        RolesAllowed allowed = method != null && method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : type.getAnnotation(RolesAllowed.class);
        return allowed != null && Set.of(allowed.value()).equals(Set.of(Jurisdiction.ADMIN));
    }

    private static Method method(SimpleResourceInfo resource) {
        for (Method m : resource.getResourceClass().getMethods()) {
            if (m.getName().equals(resource.getMethodName()) && java.util.Arrays.equals(m.getParameterTypes(), resource.parameterTypes())) {
                return m;
            }
        }
        return null;
    }
}
