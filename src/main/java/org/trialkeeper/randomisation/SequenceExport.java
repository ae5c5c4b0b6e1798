package org.trialkeeper.randomisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.audit.AuditAnchor;
import org.trialkeeper.randomisation.timestamp.TimestampView;

import java.time.Instant;
import java.util.List;

/**
 * Everything needed to audit the randomisation after lock: the scheme, the stream, the seed,
 * every slot and who used it, and the audit chain's anchor when it was exported (its own
 * export included), and the commitment's RFC 3161 time-stamp with its token.
 */
@Serdeable
record SequenceExport(String scheme, String stream, String seed, String commitment, int protocolVersion,
                      List<Stratum> strata, List<Used> allocations, AuditAnchor auditAnchor, TimestampView timestamp) {

    @Serdeable
    record Stratum(String stratum, List<SlotUse> slots) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SlotUse(int position, String arm, int block, int blockSize, Integer allocationNumber, String participantCode) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Used(int number, String participantCode, String stratum, int position, String factorLevels, String arm,
                Instant allocatedAt, String inErrorReason) {
    }
}
