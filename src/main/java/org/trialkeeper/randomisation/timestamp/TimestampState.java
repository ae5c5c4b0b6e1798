package org.trialkeeper.randomisation.timestamp;

/** Where a commitment's time-stamp stands; a row is PENDING from the opening of recruitment until it settles. */
enum TimestampState {
    /** Asked for, or to be asked again at the next attempt. */
    PENDING,
    /** A token was granted, checked and stored: it is never changed. */
    STAMPED,
    /** Every attempt failed; the last reason is kept. */
    FAILED;

    String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
