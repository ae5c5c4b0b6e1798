package org.trialkeeper.analysis;

import java.util.Locale;

/** An assessor's answer to "which arm do you think this participant is in?". */
public enum Guess {
    INTERVENTION,
    CONTROL,
    DONT_KNOW;

    /** As the guess is written: its name in lower case, words joined by hyphens ("dont-know"). */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
