package org.trialkeeper.report;

/** The CSV files a LOCKED trial is exported as, each named after its trial so that trials' files never mix. */
enum ExportFile {
    PARTICIPANTS("participants", "One row per person screened"),
    ASSESSMENTS("assessments", "One row per item response"),
    SCORES_LONG("scores-long", "One row per score of each assessment: participant, timepoint, instrument and score"),
    SCORES_WIDE("scores-wide", "One row per randomised participant, one column per timepoint, instrument and score");

    private final String base;
    private final String rows;

    ExportFile(String base, String rows) {
        this.base = base;
        this.rows = rows;
    }

    String fileName(long trialId) {
        return base + "-" + trialId + ".csv";
    }

    /** What the file is called once read into R or SPSS: a name both accept. */
    String dataset() {
        return base.replace('-', '_');
    }

    /** What one row of the file is. */
    String rows() {
        return rows;
    }
}
