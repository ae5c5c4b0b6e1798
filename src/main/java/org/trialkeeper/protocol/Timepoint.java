package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * When outcomes are measured, in weeks from randomisation, and with which instruments; and
 * whether the assessor is asked to guess the participant's arm there.
 */
@Serdeable
public record Timepoint(String id, TimepointKind kind, int week, List<String> instruments, boolean askGuess) {
}
