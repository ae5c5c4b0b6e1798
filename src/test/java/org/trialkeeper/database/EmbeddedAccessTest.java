package org.trialkeeper.database;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedAccessTest {

    @Test
    void aPasswordFileThatWouldBreakOutOfItsQuotesIsRefused() {
        assertTrue(EmbeddedAccess.initSql("Ab3_-x").contains("IDENTIFIED BY 'Ab3_-x'"));
        for (String edited : new String[] {"x'; GRANT FILE ON *.* TO 'trialkeeper'@'127.0.0.1", "two words", ""}) {
            assertThrows(IllegalStateException.class, () -> EmbeddedAccess.initSql(edited), edited);
        }
    }
}
