package org.trialkeeper.security;

import org.trialkeeper.access.Role;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record MemberView(long userId, String username, List<Role> roles) {
}
