package org.gridgov.common.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an admin-only endpoint (or a resource class) that a county's administrator may call, because it checks the
 * county of what it changes itself ({@link Jurisdiction#checkAdminister(String, String)}). Every other endpoint that
 * only {@code admin} may call is the system administrator's ({@link CountyAdminGate}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CountyScoped {
}
