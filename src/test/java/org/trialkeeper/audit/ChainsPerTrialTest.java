package org.trialkeeper.audit;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each trial's records have a chain and a head row of their own, so trials never wait for each other's audit. */
@MicronautTest(transactional = false)
class ChainsPerTrialTest {

    /** MySQL's and MariaDB's "Lock wait timeout exceeded". */
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AuditTrail audit;

    @Inject
    DataSource dataSource;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void auditedWritesOfAnotherTrialGoOnWhileOneTrialsChainIsHeldAndThoseOfThatTrialWait() throws Exception {
        Api admin = Api.admin(http);
        long held = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("held")));
        long other = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("other")));
        try (Connection db = RawDatabase.connect(dataSource)) {
            db.setAutoCommit(false);
            RawDatabase.value(db, "SELECT last_seq FROM audit_head WHERE chain = ? FOR UPDATE", ChainNames.of(held));

            long member = admin.createMember(Api.unique("member"));
            admin.assign(other, member, "INVESTIGATOR");
            long registered = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("new")));
            assertEquals("membership.roles-set", last(admin, other).action(), "another trial's write went through");
            assertEquals("trial.registered", last(admin, registered).action(), "so did a new trial's, its chain made");

            SQLException waited = lockWaitOf(assertThrows(RuntimeException.class, () -> recordWithinOneSecond(held)));
            assertEquals(LOCK_WAIT_TIMEOUT, waited.getErrorCode(), waited.toString());
            db.commit();
        }
        recordWithinOneSecond(held);
        assertEquals("test.note", last(admin, held).action(), "once the chain is free, the trial's write goes through");
        assertTrue(audit.verify().intact());
    }

    @Test
    void eachTrialsRecordsAreNumberedInTheirOwnChainFromOne() {
        Api admin = Api.admin(http);
        long first = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("first")));
        long second = admin.register(ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL, Api.unique("second")));
        recordWithinOneSecond(first);
        AuditView registered = trialRecords(admin, second).get(0);
        assertEquals(ChainNames.of(second), registered.chain());
        assertEquals(1, registered.chainSeq());
        AuditView note = last(admin, first);
        assertEquals(ChainNames.of(first), note.chain());
        assertEquals(2, note.chainSeq());
        assertTrue(note.seq() > registered.seq(), "the trail's numbers follow the order records were written in");
        AuditAnchor anchor = transactions.executeRead(status -> audit.anchor(first));
        assertEquals(new AuditAnchor(ChainNames.of(first), 2, anchor.hash()), anchor);
    }

    /** Records a note in the trial's chain, waiting at most a second for its head. */
    private void recordWithinOneSecond(long trialId) {
        transactions.executeWrite(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                statement.execute("SET SESSION innodb_lock_wait_timeout = 1");
                try {
                    audit.record(AuditEvent.of(new Actor(null, "test", Role.ADMIN), trialId, "test.note", "note", 1));
                } finally {
                    statement.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static SQLException lockWaitOf(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        throw new AssertionError("no SQLException in " + thrown, thrown);
    }

    private static AuditView last(Api admin, long trialId) {
        List<AuditView> records = trialRecords(admin, trialId);
        return records.get(records.size() - 1);
    }

    private static List<AuditView> trialRecords(Api admin, long trialId) {
        return admin.retrieve(HttpRequest.GET("/api/trials/" + trialId + "/audit"), Argument.listOf(AuditView.class));
    }
}
