package org.trialkeeper.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The authorisation rule of one route. Every route of the service carries one; a route
 * without it is refused to everybody. Roles held per trial count only on routes with a
 * {@code trialId} path variable, for that trial; ADMIN counts everywhere it is listed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Permit {

    /** The roles let through. */
    Role[] value() default {};

    /** Any signed-in user; the route itself limits what each one sees. */
    boolean signedIn() default false;

    /** Nobody needs to sign in: login only. */
    boolean anonymous() default false;

    /** Still open to a user who must change a one-time password before anything else. */
    boolean duringPasswordChange() default false;
}
