package org.trialkeeper.trial;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A protocol file as the API document describes it: YAML text, or the same structure as JSON. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD})
@RequestBody(required = true, description = "The protocol file (see the README's Protocol files); every broken rule is "
        + "answered at once as a 400 problem naming each field's path",
        content = {
            @Content(mediaType = TrialController.YAML, schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "protocol", value = ProtocolBody.EXAMPLE)),
            @Content(mediaType = "application/x-yaml", schema = @Schema(type = "string")),
            @Content(mediaType = "text/yaml", schema = @Schema(type = "string")),
            @Content(mediaType = "application/json", schema = @Schema(type = "object",
                    description = "the protocol's structure as JSON"))
        })
public @interface ProtocolBody {

    /** A whole protocol, as short as the rules allow; protocols/ holds the seed trial's. */
    String EXAMPLE = """
            shortName: example-1
            title: An example trial
            arms:
              - {code: ACTIVE, label: Group training, role: intervention}
              - {code: WAIT, label: Waitlist, role: control, waitlist: true}
            targetSampleSize: 60
            sites:
              - {code: S1, name: First site}
            randomisation: {scheme: permuted-blocks, blockSizes: [2, 4]}
            eligibility:
              inclusion: [{id: I1, text: Consents to take part}]
              exclusion: [{id: E1, text: Already in another trial}]
            baseline:
              - {id: age, label: Age (years), type: number, min: 18, max: 70}
            instruments:
              - {id: WELL, name: Wellbeing, items: 5, itemMin: 0, itemMax: 4, total: sum}
            timepoints:
              - {id: baseline, kind: baseline, week: 0, instruments: [WELL]}
              - {id: post, kind: post, week: 8, instruments: [WELL]}
            intervention: {name: Group training, sessions: 8, sessionMinutes: 60, sessionsPerWeek: 1,
                           delivery: in-person, absencesExcludingPerProtocol: 2}
            outcomes:
              primary: [{instrument: WELL, timepoint: post}]
            analysis: {method: ancova}
            """;
}
