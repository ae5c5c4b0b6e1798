package org.trialkeeper.harms;

/** How intense an adverse event is, whether or not it is serious: a severe headache need not be serious. */
enum Severity implements Coded {
    MILD("mild"),
    MODERATE("moderate"),
    SEVERE("severe");

    private final String code;

    Severity(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
