package org.trialkeeper.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class GeneratedSecretsTest {

    @Test
    void aGeneratedSecretIsKeptReadableByItsOwnerOnly(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("jwt-secret");
        String secret = GeneratedSecrets.kept(file, 48);
        assertEquals(64, secret.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(secret, GeneratedSecrets.kept(file, 48), "the same secret after a restart");
        assertNotEquals(secret, GeneratedSecrets.kept(dataDir.resolve("seed-key"), 48));
    }
}
