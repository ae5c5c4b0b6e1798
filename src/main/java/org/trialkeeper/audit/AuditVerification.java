package org.trialkeeper.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The result of walking the chains: intact, or the first chain that is not and its first record
 * that is not ({@code firstBadSeq} is a place in that {@code chain}); whether every chain's
 * records carry MACs under the audit key; when intact, each chain's anchor now; and, when an
 * anchor published earlier was given, whether its chain still passes through it.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean intact, long recordsChecked, String chain, Long firstBadSeq, String problem,
                                String detail, boolean keyed, List<AuditAnchor> anchors, Boolean extendsAnchor) {

    AuditVerification extending(boolean extendsAnchor) {
        return new AuditVerification(intact, recordsChecked, chain, firstBadSeq, problem, detail, keyed, anchors,
                extendsAnchor);
    }

    AuditVerification broken(String chain, long seq, String problem, String detail) {
        return new AuditVerification(false, recordsChecked, chain, seq, problem, detail, keyed, null, extendsAnchor);
    }
}
