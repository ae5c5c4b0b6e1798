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
@interface ProtocolBody {

    /** The start of a protocol file: the registry example in protocols/ has it whole. */
    String EXAMPLE = """
            shortName: EXAMPLE-1
            title: An example trial
            targetSampleSize: 60
            arms:
              - {code: ACTIVE, label: Intervention, role: intervention}
              - {code: WAIT, label: Waitlist, role: control}
            randomisation: {scheme: permuted-blocks, blockSizes: [2, 4]}
            """;
}
