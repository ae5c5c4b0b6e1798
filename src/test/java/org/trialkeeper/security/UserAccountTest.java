package org.trialkeeper.security;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserAccountTest {

    private static final Instant CREATED_AT = Instant.parse("2026-02-01T07:00:00Z");

    @Test
    void aNewAccountIsActiveWithNoFailedLogins() {
        UserAccount account = UserAccount.created("nurse.one", "hash", false, false, CREATED_AT);

        assertNull(account.id());
        assertEquals("nurse.one", account.username());
        assertEquals("hash", account.passwordHash());
        assertFalse(account.admin());
        assertTrue(account.active());
        assertFalse(account.mustChangePassword());
        assertEquals(0, account.failedLogins());
        assertNull(account.lastFailedLoginAt());
        assertEquals(CREATED_AT, account.createdAt());
        assertEquals(CREATED_AT, account.updatedAt());
    }

    @Test
    void aOneTimePasswordMustBeChangedAtFirstLogin() {
        UserAccount admin = UserAccount.created("admin", "hash", true, true, CREATED_AT);

        assertTrue(admin.admin());
        assertTrue(admin.mustChangePassword());
    }
}
