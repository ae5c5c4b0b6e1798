package org.trialkeeper.harms;

/** How an adverse event ended, or stands when recorded. */
enum EventOutcome implements Coded {
    RECOVERED("recovered"),
    RECOVERING("recovering"),
    NOT_RECOVERED("not-recovered"),
    RECOVERED_WITH_SEQUELAE("recovered-with-sequelae"),
    FATAL("fatal"),
    UNKNOWN("unknown");

    private final String code;

    EventOutcome(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
