package org.trialkeeper.participant;

enum Consent {
    GIVEN,
    DECLINED
}
