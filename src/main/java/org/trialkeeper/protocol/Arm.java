package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One arm. A waitlist control receives the intervention after its post-test; that never
 * changes the arm a participant was allocated to.
 */
@Serdeable
public record Arm(String code, String label, ArmRole role, int ratio, boolean waitlist) {
}
