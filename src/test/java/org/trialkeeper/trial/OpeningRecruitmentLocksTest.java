package org.trialkeeper.trial;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.order.Ordered;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.trialkeeper.access.Actor;
import org.trialkeeper.access.Role;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.audit.AuditView;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Opening recruitment generates every allocation list of the trial, seconds of work for a large
 * one; meanwhile even the trial's own audit chain, which every audited write of the trial locks,
 * stays free, and only the trial's row is held.
 */
@MicronautTest(transactional = false)
class OpeningRecruitmentLocksTest {

    private static final Actor ADMIN = new Actor(null, "test", Role.ADMIN);

    @Inject
    TrialService trials;

    @Inject
    AuditTrail audit;

    @Inject
    LockProbe probe;

    @Test
    void theAuditChainIsFreeWhileTheListsOfALargeTrialAreGenerated() {
        String yaml = ProtocolFiles.seedVariantYaml(Api.unique("large-opening"), tree -> {
            tree.put("targetSampleSize", 100_000);
            tree.put("randomisation", Map.of("scheme", "permuted-blocks", "blockSizes", List.of(2, 4, 6)));
        });
        long trialId = trials.register(ADMIN, new ProtocolSource(yaml, "application/yaml")).id();
        probe.watch(trialId);

        trials.changeStatus(ADMIN, trialId, "RECRUITING");

        assertEquals(Map.of("audit chain", "free", "trial row", "held"), probe.seen(trialId),
                "what another connection could lock while the status change's listeners ran");
        assertEquals(List.of("trial.registered", "trial.status-changed", "randomisation.committed"),
                audit.trialRecords(trialId, 0, true).stream().map(AuditView::action).toList());
        assertEquals(true, audit.verify().intact());
    }

    /**
     * Runs after every other listener of a watched trial's status change, inside its transaction,
     * and tries on a connection of its own, without waiting, the locks a concurrent request would need.
     */
    @Singleton
    static final class LockProbe implements ApplicationEventListener<TrialStatusChanged>, Ordered {

        private final DataSource dataSource;
        private final Map<Long, Map<String, String>> seen = new ConcurrentHashMap<>();

        LockProbe(DataSource dataSource) {
            this.dataSource = dataSource instanceof DelegatingDataSource delegating
                    ? delegating.getTargetDataSource() : dataSource;
        }

        void watch(long trialId) {
            seen.put(trialId, Map.of());
        }

        Map<String, String> seen(long trialId) {
            return seen.get(trialId);
        }

        @Override
        public void onApplicationEvent(TrialStatusChanged event) {
            if (seen.containsKey(event.trialId())) {
                seen.put(event.trialId(), Map.of(
                        "audit chain", lockable("SELECT last_seq FROM audit_head WHERE chain = 'trial-" + event.trialId()
                                + "' FOR UPDATE NOWAIT"),
                        "trial row", lockable("SELECT id FROM trial WHERE id = " + event.trialId() + " FOR UPDATE NOWAIT")));
            }
        }

        private String lockable(String sql) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.executeQuery().close();
                    return "free";
                } catch (SQLException held) {
                    return "held";
                } finally {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
