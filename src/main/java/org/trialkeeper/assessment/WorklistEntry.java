package org.trialkeeper.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * A participant on the assessor's work list: code, site, and for each timepoint when it falls
 * due and which instruments are done and still to do. Nothing in it depends on the arm.
 */
@Serdeable
public record WorklistEntry(long participantId, String code, String site, List<Due> timepoints) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Due(String timepoint, LocalDate dueOn, List<String> done, List<String> toDo) {
    }
}
