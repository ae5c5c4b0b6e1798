package org.trialkeeper;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(
        title = "TrialKeeper",
        version = "0.1.0",
        description = "Runs randomised controlled trials: registration from protocol files, concealed "
                + "randomisation, blinded assessment, follow-up tracking and CONSORT reports.",
        license = @License(name = "AGPL-3.0", url = "https://www.gnu.org/licenses/agpl-3.0.html")))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A token from POST /api/login")
@SecurityScheme(name = "session", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE, paramName = "TRIALKEEPER_SESSION",
        description = "The web pages' session, for the downloads they link to (a report, an export)")
public class Application {

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
