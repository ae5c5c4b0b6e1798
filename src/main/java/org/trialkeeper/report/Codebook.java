package org.trialkeeper.report;

import io.micronaut.serde.annotation.Serdeable;
import org.trialkeeper.protocol.BaselineCharacteristic;
import org.trialkeeper.protocol.CharacteristicType;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.report.Variable.Level;
import org.trialkeeper.report.Variable.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * Every column of every export of one trial: its name as the file's header has it, a label, its
 * type, the levels of a category with their labels, units, and what an empty field means. The R
 * script and the SPSS syntax are written from it, so all three say the same.
 */
@Serdeable
record Codebook(long trialId, String trial, List<Variable> variables) {

    static Codebook of(long trialId, Protocol protocol) {
        List<Variable> variables = new ArrayList<>();
        variables.addAll(participants(ExportFile.PARTICIPANTS.fileName(trialId), protocol));
        variables.addAll(assessments(ExportFile.ASSESSMENTS.fileName(trialId), protocol));
        variables.addAll(longScores(ExportFile.SCORES_LONG.fileName(trialId), protocol));
        variables.addAll(wideScores(ExportFile.SCORES_WIDE.fileName(trialId), protocol));
        return new Codebook(trialId, protocol.shortName(), List.copyOf(variables));
    }

    /** The columns of one file, in the file's order. */
    List<Variable> of(ExportFile file) {
        return variables.stream().filter(v -> v.file().equals(file.fileName(trialId))).toList();
    }

    private static List<Variable> participants(String file, Protocol protocol) {
        List<Variable> columns = new ArrayList<>(List.of(
                participant(file),
                site(file, protocol),
                Variable.of(file, "screening", "How screening ended", Type.CATEGORY).withLevels(CodebookLevels.screening()),
                Variable.of(file, "failed_criteria", "Eligibility criteria not met, separated by semicolons", Type.STRING)
                        .emptyWhen("every criterion met"),
                arm(file, protocol).emptyWhen("never randomised"),
                Variable.of(file, "allocation_number", "Allocation number", Type.INTEGER).emptyWhen("never randomised"),
                Variable.of(file, "status", "Status at lock", Type.CATEGORY).withLevels(CodebookLevels.statuses()),
                Variable.of(file, "keep_data", "Data may be used (false: withdrew consent to its use)", Type.BOOLEAN),
                Variable.of(file, "per_protocol_excluded", "Excluded from the per-protocol population", Type.BOOLEAN),
                Variable.of(file, "sessions_attended", "Intervention sessions attended", Type.INTEGER).inUnits("sessions")
                        .emptyWhen("no attendance recorded"),
                Variable.of(file, "guess", "Assessor's guess of the arm", Type.CATEGORY).withLevels(CodebookLevels.guesses())
                        .emptyWhen("no guess given")));
        for (BaselineCharacteristic characteristic : protocol.baseline()) {
            Variable column = Variable.of(file, characteristic.id(), characteristic.label(), Type.NUMBER);
            if (characteristic.type() == CharacteristicType.CATEGORY) {
                column = column.withLevels(characteristic.levels().stream()
                        .map(level -> new Level(level, characteristic.levelLabel(level))).toList());
            }
            columns.add(column.emptyWhen("not answered"));
        }
        return columns;
    }

    private static List<Variable> assessments(String file, Protocol protocol) {
        return List.of(participant(file), arm(file, protocol).emptyWhen("never randomised"), timepoint(file, protocol),
                instrument(file, protocol),
                Variable.of(file, "item", "Item number", Type.INTEGER),
                Variable.of(file, "value", "Answer as entered, before any item is reversed", Type.INTEGER)
                        .inUnits("points").emptyWhen("item unanswered"));
    }

    private static List<Variable> longScores(String file, Protocol protocol) {
        return List.of(participant(file), arm(file, protocol).emptyWhen("never randomised"), timepoint(file, protocol),
                instrument(file, protocol),
                Variable.of(file, "score", "Score: the instrument's total or one of its subscales", Type.CATEGORY)
                        .withLevels(CodebookLevels.scores(protocol)),
                Variable.of(file, "value", "Score by the protocol's rules (reversed items, prorating)", Type.NUMBER)
                        .inUnits("points").emptyWhen("not scored: more items unanswered than the protocol prorates"),
                Variable.of(file, "prorated", "Score prorated over unanswered items", Type.BOOLEAN));
    }

    private static List<Variable> wideScores(String file, Protocol protocol) {
        List<Variable> columns = new ArrayList<>(List.of(participant(file), site(file, protocol), arm(file, protocol)));
        for (ScoreColumns.Column column : ScoreColumns.of(protocol).all()) {
            columns.add(Variable.of(file, column.name(), column.label(), Type.NUMBER).inUnits("points")
                    .emptyWhen("not assessed, or more items unanswered than the protocol prorates"));
        }
        return columns;
    }

    private static Variable participant(String file) {
        return Variable.of(file, "participant", "Participant code", Type.STRING);
    }

    private static Variable site(String file, Protocol protocol) {
        return Variable.of(file, "site", "Site", Type.CATEGORY).withLevels(protocol.sites().stream()
                .map(site -> new Level(site.code(), site.name())).toList());
    }

    private static Variable arm(String file, Protocol protocol) {
        return Variable.of(file, "arm", "Allocated arm", Type.CATEGORY).withLevels(protocol.arms().stream()
                .map(arm -> new Level(arm.code(), arm.label())).toList());
    }

    private static Variable timepoint(String file, Protocol protocol) {
        return Variable.of(file, "timepoint", "Timepoint", Type.CATEGORY).withLevels(protocol.timepoints().stream()
                .map(t -> new Level(t.id(), t.id() + " (week " + t.week() + ")")).toList());
    }

    private static Variable instrument(String file, Protocol protocol) {
        return Variable.of(file, "instrument", "Instrument", Type.CATEGORY).withLevels(protocol.instruments().stream()
                .map(i -> new Level(i.id(), i.name())).toList());
    }
}
