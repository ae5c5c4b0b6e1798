package org.trialkeeper.report;

import io.micronaut.core.io.Writable;
import org.trialkeeper.analysis.TrialData;
import org.trialkeeper.assessment.AssessmentService;
import org.trialkeeper.protocol.Protocol;

import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A locked trial as a CDISC ODM 1.3.2 snapshot: the study's metadata from its protocol, and the
 * clinical data of everyone screened. Read at one moment, written when the response is sent.
 *
 * @param entered every assessment with its item responses, oldest first
 */
record OdmFile(long trialId, int protocolVersion, Protocol protocol, TrialData data,
               List<AssessmentService.Entered> entered, Instant createdAt) implements Writable {

    static final String VERSION = "1.3.2";

    /** Unique per trial and moment: two exports of one trial made in the same second are the same file. */
    String fileOid() {
        return "trialkeeper.trial-" + trialId + "." + createdAt.truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
    }

    @Override
    public void writeTo(Writer out) {
        try (OdmXml xml = new OdmXml(out)) {
            xml.root("ODM", "FileType", "Snapshot", "FileOID", fileOid(),
                    "CreationDateTime", createdAt.truncatedTo(ChronoUnit.SECONDS).toString(),
                    "ODMVersion", VERSION, "Granularity", "All", "SourceSystem", "TrialKeeper");
            new OdmMetadata(xml, protocol, protocolVersion, data).write();
            new OdmClinicalData(xml, protocol, data, entered).write();
            xml.end();
        }
    }
}
