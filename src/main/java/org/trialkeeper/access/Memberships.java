package org.trialkeeper.access;

import java.util.Set;

/**
 * Which trials a user belongs to. Features below the user accounts (trials among them) ask
 * through this, so that they never depend on where memberships are kept.
 */
public interface Memberships {

    /** The ids of the trials the user holds any role in. */
    Set<Long> trialsOf(long userId);
}
