package org.trialkeeper.harms;

/**
 * How likely the intervention caused the event, as judged by the coordinator, who knows the
 * arm; so it is never shown to anyone blinded.
 */
enum Relatedness implements Coded {
    NOT_RELATED("not-related"),
    UNLIKELY("unlikely"),
    POSSIBLE("possible"),
    PROBABLE("probable"),
    DEFINITE("definite");

    private final String code;

    Relatedness(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
