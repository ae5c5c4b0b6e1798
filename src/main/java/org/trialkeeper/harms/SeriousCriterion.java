package org.trialkeeper.harms;

/** What makes an adverse event serious (ICH E2A); a serious event meets at least one. */
enum SeriousCriterion implements Coded {
    DEATH("death"),
    LIFE_THREATENING("life-threatening"),
    HOSPITALISATION("hospitalisation"),
    DISABILITY("disability"),
    CONGENITAL_ANOMALY("congenital-anomaly"),
    OTHER_IMPORTANT_MEDICAL_EVENT("other-important-medical-event");

    private final String code;

    SeriousCriterion(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
