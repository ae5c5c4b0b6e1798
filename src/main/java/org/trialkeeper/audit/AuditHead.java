package org.trialkeeper.audit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("audit_head")
record AuditHead(@Id int id, long lastSeq, String lastHash) {

    static final int ONLY = 1;
}
