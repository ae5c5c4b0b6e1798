package org.trialkeeper.analysis;

/** An assessor's answer to "which arm do you think this participant is in?", with the code it is written as. */
public enum Guess {
    INTERVENTION("intervention"),
    CONTROL("control"),
    DONT_KNOW("dont-know");

    private final String code;

    Guess(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
