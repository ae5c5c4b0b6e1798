package org.trialkeeper.randomisation.timestamp;

/**
 * Why no token was obtained or why a token does not hold, in plain words of our own: never an
 * exception's text, which could carry whatever the authority sent.
 */
final class TimestampRefused extends Exception {

    TimestampRefused(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
