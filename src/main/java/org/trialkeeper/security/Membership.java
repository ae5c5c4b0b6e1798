package org.trialkeeper.security;

import org.trialkeeper.access.Role;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One role of one user in one trial. */
@MappedEntity("membership")
record Membership(@Id @GeneratedValue Long id, Long userId, Long trialId, Role role, Instant createdAt) {
}
