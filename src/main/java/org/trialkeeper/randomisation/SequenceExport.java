package org.trialkeeper.randomisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.audit.AuditAnchor;
import org.trialkeeper.protocol.MinimisationFactor;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.Randomisation;
import org.trialkeeper.randomisation.receipt.AllocationReceipt;
import org.trialkeeper.randomisation.scheme.Strata;
import org.trialkeeper.randomisation.timestamp.TimestampView;

import java.time.Instant;
import java.util.List;
import io.micronaut.core.annotation.Nullable;

/**
 * Everything needed to audit the randomisation after lock: the scheme, the stream, the seed,
 * the settings the lists were drawn with, every slot and who used it, the audit chain's anchor
 * when it was exported (its own export included), the commitment's RFC 3161 time-stamp with
 * its token, and each allocation's receipt. With the published commitment it is all an outsider needs to regenerate the lists
 * and replay every allocation (src/verifier/SPECIFICATION.md).
 */
@Serdeable
record SequenceExport(long trialId, String scheme, String stream, String seed, String commitment, int protocolVersion,
                      List<Stratum> strata, List<Used> allocations, AuditAnchor auditAnchor, Settings settings,
                      TimestampView timestamp) {

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
                Instant allocatedAt, String inErrorReason, ReceiptHeld receipt) {
    }

    /**
     * An allocation's receipt as held: what it binds beside the allocation's own number,
     * participant and time, the trial and the commitment, and its hash.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReceiptHeld(String version, long chainSeq, String chainHash, String mac, String hash) {

        /** The receipt held for an allocation with this MAC; null when there is none. */
        static ReceiptHeld of(AllocationReceipt held, String mac) {
            return held == null ? null
                    : new ReceiptHeld(held.version(), held.chainSeq(), held.chainHash(), mac, held.hash());
        }
    }

    /**
     * The committed protocol version's randomisation settings, as the commitment hashes them, and
     * the levels of each stratification factor, which order the strata.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Settings(List<ArmRatio> arms, int targetSampleSize, List<Integer> blockSizes, List<String> stratifyBy,
                    List<FactorLevelList> stratumLevels, List<MinimisationFactor> factors,
                    @Nullable Double minimisingArmProbability) {

        static Settings of(Protocol protocol) {
            Randomisation randomisation = protocol.randomisation();
            return new Settings(protocol.arms().stream().map(a -> new ArmRatio(a.code(), a.ratio())).toList(),
                    protocol.targetSampleSize(), randomisation.blockSizes(), randomisation.stratifyBy(),
                    Strata.factors(protocol).stream()
                            .map(f -> new FactorLevelList(f, Strata.levels(protocol, f))).toList(),
                    randomisation.factors(), randomisation.minimisingArmProbability());
        }
    }

    @Serdeable
    record ArmRatio(String code, int ratio) {
    }

    @Serdeable
    record FactorLevelList(String factor, List<String> levels) {
    }
}
