package org.trialkeeper.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The allocation scheme. Block sizes apply to the block schemes; stratification factors to
 * stratified blocks; minimisation factors and the probability of the minimising arm to
 * minimisation. A factor is {@code site} or the id of a categorical baseline characteristic.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Randomisation(Scheme scheme, List<Integer> blockSizes, List<String> stratifyBy,
                            List<MinimisationFactor> factors, Double minimisingArmProbability) {

    public static final String SITE_FACTOR = "site";
}
