package org.trialkeeper.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The result of walking the chain: intact, or the first record that is not; whether its
 * records carry MACs under the audit key; when intact, the chain's anchor now; and, when an
 * anchor published earlier was given, whether the chain still passes through it.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean intact, long recordsChecked, Long firstBadSeq, String problem,
                                String detail, boolean keyed, AuditAnchor anchor, Boolean extendsAnchor) {

    AuditVerification extending(boolean extendsAnchor) {
        return new AuditVerification(intact, recordsChecked, firstBadSeq, problem, detail, keyed, anchor,
                extendsAnchor);
    }

    AuditVerification broken(long seq, String problem, String detail) {
        return new AuditVerification(false, recordsChecked, seq, problem, detail, keyed, null, extendsAnchor);
    }
}
