package org.trialkeeper.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    @Test
    void theUnknownUsersHashIsBcryptAtTheServicesCostSoItsCheckTakesAsLongAsAnAccounts() {
        PasswordHasher hasher = new PasswordHasher(5);
        String account = hasher.hash("a real password 1");
        String unknown = hasher.unknownUserHash();
        // version and cost, then 22 characters of salt and 31 of digest
        assertEquals("$2a$05$", account.substring(0, 7));
        assertEquals(account.substring(0, 7), unknown.substring(0, 7));
        assertTrue(unknown.matches("\\$2a\\$05\\$[./A-Za-z0-9]{53}"), unknown);
    }

    @Test
    void noPasswordMatchesAnUnknownUserAndEachHasherDrawsItsOwn() {
        PasswordHasher hasher = new PasswordHasher(4);
        for (String password : new String[] {"", "a password nobody has", "a real password 1"}) {
            assertFalse(hasher.matches(password, hasher.unknownUserHash()), password);
            assertFalse(hasher.matchNobody(password), password);
        }
        assertNotEquals(hasher.unknownUserHash(), new PasswordHasher(4).unknownUserHash());
        assertTrue(hasher.matches("a real password 1", hasher.hash("a real password 1")));
    }
}
