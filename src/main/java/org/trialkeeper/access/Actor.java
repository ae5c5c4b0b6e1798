package org.trialkeeper.access;

import io.micronaut.core.annotation.Nullable;

/**
 * Who is acting, and in which role the request was let through. A null role means a route open
 * to any signed-in user; a null user id means the service itself (start-up tasks).
 */
public record Actor(@Nullable Long userId, String username, @Nullable Role role) {

    public static final Actor SYSTEM = new Actor(null, "system", null);

    public static Actor anonymous(String claimedUsername) {
        return new Actor(null, claimedUsername, null);
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
