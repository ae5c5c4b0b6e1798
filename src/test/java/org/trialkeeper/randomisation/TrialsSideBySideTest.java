package org.trialkeeper.randomisation;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.database.TestDatabases;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Trials never wait on each other's allocations: while one trial's allocation lock is held
 * elsewhere (another instance in the middle of a batch), a randomisation in that trial waits and
 * one in another trial is answered; the first is answered once the lock is let go.
 */
@MicronautTest(transactional = false)
class TrialsSideBySideTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void aTrialWhoseAllocationLockIsHeldDoesNotHoldUpAnother() throws Exception {
        RecruitingTrial held = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("held")));
        RecruitingTrial free = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("free")));
        long waiting = held.enrol("H-1", "female");
        long answered = free.enrol("F-1", "male");
        CompletableFuture<Map<?, ?>> first;
        try (Connection other = DriverManager.getConnection(TestDatabases.url("trialkeeper_test"),
                TestDatabases.user(), TestDatabases.password())) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "SELECT trial_id FROM allocation_lock WHERE trial_id = ? FOR UPDATE")) {
                lock.setLong(1, held.id);
                lock.executeQuery().close();
            }
            first = CompletableFuture.supplyAsync(() -> held.randomise(waiting, "key-held-1"));
            awaitLockWait(other);
            Map<?, ?> second = free.randomise(answered, "key-free-1");
            assertNotNull(second.get("arm"));
            assertFalse(first.isDone(), "the held trial's randomisation waits for its lock");
            other.rollback();
        }
        assertEquals(1, ((Number) first.get(60, TimeUnit.SECONDS).get("number")).intValue());
    }

    /**
     * Waits until a statement of the service is running on the allocation lock, which this
     * connection holds (an account sees its own connections without further privilege).
     */
    private static void awaitLockWait(Connection holder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (var statement = holder.createStatement();
                 var waits = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                         + " WHERE ID <> CONNECTION_ID() AND COMMAND = 'Query' AND INFO LIKE '%allocation_lock%'")) {
                waits.next();
                if (waits.getLong(1) > 0) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no randomisation came to wait for the held lock");
    }
}
