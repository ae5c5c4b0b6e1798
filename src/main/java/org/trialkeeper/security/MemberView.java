package org.trialkeeper.security;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record MemberView(long userId, String username, List<Role> roles) {
}
