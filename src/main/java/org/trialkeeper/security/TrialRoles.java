package org.trialkeeper.security;

import org.trialkeeper.access.Role;

import java.util.Set;

/** The roles a user held in a trial when the request's sign-in was checked. */
record TrialRoles(long userId, long trialId, Set<Role> roles) {
}
