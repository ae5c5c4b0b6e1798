package org.trialkeeper.analysis;

/**
 * Assessors' answers to "which arm do you think this participant is in?", counted by guess
 * (intervention, control, don't know) and by the arm the participant is really in.
 */
public record GuessTable(long guessInterventionTrueIntervention, long guessInterventionTrueControl,
                         long guessControlTrueIntervention, long guessControlTrueControl,
                         long dontKnowTrueIntervention, long dontKnowTrueControl) {

    public GuessTable {
        if (guessInterventionTrueIntervention < 0 || guessInterventionTrueControl < 0 || guessControlTrueIntervention < 0
                || guessControlTrueControl < 0 || dontKnowTrueIntervention < 0 || dontKnowTrueControl < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    long total() {
        return guessInterventionTrueIntervention + guessInterventionTrueControl + guessControlTrueIntervention
                + guessControlTrueControl + dontKnowTrueIntervention + dontKnowTrueControl;
    }
}
