package org.trialkeeper.assessment;

import java.util.Arrays;
import java.util.Optional;

/** The assessor's answer to "which arm do you think this participant is in?". */
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

    static Optional<Guess> of(String code) {
        return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst();
    }

    static final String CODES = "intervention, control or dont-know";
}
