package org.trialkeeper.protocol;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Optional;

/**
 * Everything needed to run one trial, as read and validated from its protocol file. Item
 * numbers and scoring rules only: licensed item wording is never stored.
 */
@Serdeable
public record Protocol(
        String shortName,
        String title,
        List<Registration> registrations,
        Ethics ethics,
        List<Arm> arms,
        int targetSampleSize,
        List<Site> sites,
        Randomisation randomisation,
        Eligibility eligibility,
        List<BaselineCharacteristic> baseline,
        List<Instrument> instruments,
        List<Timepoint> timepoints,
        Intervention intervention,
        Outcomes outcomes,
        Analysis analysis,
        EmergencyUnblinding emergencyUnblinding,
        Harms harms,
        Monitoring monitoring,
        RegistryDetails registry) {

    public Optional<Instrument> instrument(String id) {
        return instruments.stream().filter(instrument -> instrument.id().equals(id)).findFirst();
    }

    public Optional<BaselineCharacteristic> characteristic(String id) {
        return baseline.stream().filter(characteristic -> characteristic.id().equals(id)).findFirst();
    }

    public Optional<Timepoint> timepoint(String id) {
        return timepoints.stream().filter(timepoint -> timepoint.id().equals(id)).findFirst();
    }

    public Optional<String> primaryRegistryId() {
        return registrations.stream().findFirst().map(Registration::id);
    }
}
