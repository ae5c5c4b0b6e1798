package org.trialkeeper.client;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.trialkeeper.client.api.AssessmentsApi;
import org.trialkeeper.client.api.FollowUpApi;
import org.trialkeeper.client.api.ParticipantsApi;
import org.trialkeeper.client.api.RandomisationApi;
import org.trialkeeper.client.api.TrialsApi;
import org.trialkeeper.client.api.UsersApi;
import org.trialkeeper.client.model.AllocationView;
import org.trialkeeper.client.model.AssessmentRequest;
import org.trialkeeper.client.model.AssessmentView;
import org.trialkeeper.client.model.Credentials;
import org.trialkeeper.client.model.NewUser;
import org.trialkeeper.client.model.ParticipantView;
import org.trialkeeper.client.model.PasswordChange;
import org.trialkeeper.client.model.Progress;
import org.trialkeeper.client.model.Protocol;
import org.trialkeeper.client.model.RoleAssignment;
import org.trialkeeper.client.model.ScreeningRequest;
import org.trialkeeper.client.model.StatusChange;
import org.trialkeeper.client.model.TrialView;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick start, driven through the Java client OpenAPI Generator makes from the service's API
 * document at build time: if the document and the service disagreed on a path, a status, a field
 * or an enum value, a call here would fail to send or to read its answer.
 */
@MicronautTest
class GeneratedClientTest {

    @Inject
    EmbeddedServer server;

    private ApiClient signedIn(String username, String password) throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURL().toString());
        String token = new UsersApi(client).login(new Credentials().username(username).password(password)).getAccessToken();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /** A new member with a role in the trial, signed in after replacing the one-time password. */
    private ApiClient member(ApiClient admin, long trialId, String role) throws ApiException {
        String username = Api.unique(role.toLowerCase());
        long userId = new UsersApi(admin).create(new NewUser().username(username).password("one-time-password-1")).getId();
        new UsersApi(admin).assign(trialId, userId, new RoleAssignment().roles(List.of(role)));
        new UsersApi(signedIn(username, "one-time-password-1"))
                .changePassword(new PasswordChange().currentPassword("one-time-password-1").newPassword(Api.MEMBER_PASSWORD));
        return signedIn(username, Api.MEMBER_PASSWORD);
    }

    @Test
    void theQuickStartRunsThroughTheGeneratedClient() throws ApiException {
        ApiClient admin = signedIn("admin", Api.ADMIN_PASSWORD);
        TrialView trial = new TrialsApi(admin).register(ProtocolFiles.seedVariantYaml(Api.unique("client"), tree -> { }));
        assertEquals("DRAFT", String.valueOf(trial.getStatus()));
        long trialId = trial.getId();

        Protocol protocol = new TrialsApi(admin).protocol(trialId);
        assertEquals("simple", protocol.getRandomisation().getScheme().getValue());
        assertEquals("intervention", protocol.getArms().get(0).getRole().getValue());

        ApiClient coordinator = member(admin, trialId, "COORDINATOR");
        ApiClient assessor = member(admin, trialId, "ASSESSOR");
        ApiClient investigator = member(admin, trialId, "INVESTIGATOR");
        assertEquals("RECRUITING", String.valueOf(new TrialsApi(investigator)
                .changeStatus(trialId, new StatusChange().status("RECRUITING")).getStatus()));

        ParticipantView nurse = new ParticipantsApi(coordinator).screen(trialId, new ScreeningRequest().code("N-001").site("RAZI")
                .baseline(Map.of("age", 34, "sex", "female", "marital", "married", "education", "bachelor"))
                .eligibility(Map.of("I1", true, "I2", true, "E1", false, "E2", false)).consent("given"));
        assertEquals("ENROLLED", nurse.getStatus().getValue());

        AllocationView allocation = new RandomisationApi(coordinator).randomise(trialId, nurse.getId(), "client-quick-start-1");
        assertTrue(List.of("BALINT", "WAITLIST").contains(allocation.getArm()), allocation::toString);
        assertEquals(allocation.getNumber(), new RandomisationApi(coordinator)
                .randomise(trialId, nurse.getId(), "client-quick-start-1").getNumber());

        List<Integer> answers = new ArrayList<>(Arrays.asList(2, 3, 2, 4, 3, 2, 1, 3, 2, 3, 2, 3, 4, 3, 2, 3, null, 3, 2, 3, 4, 3, 2, 3, 3));
        AssessmentView entered = new AssessmentsApi(assessor).enter(trialId, nurse.getId(), new AssessmentRequest()
                .instrument("CDRISC").timepoint("baseline").responses(answers));
        assertNotNull(entered.getId());
        assertEquals(answers, entered.getResponses());

        Progress progress = new FollowUpApi(investigator).progress(trialId);
        assertEquals("RECRUITING", String.valueOf(progress.getTrialStatus()));

        ApiException refused = assertThrows(ApiException.class,
                () -> new RandomisationApi(assessor).randomise(trialId, nurse.getId(), "client-quick-start-2"));
        assertEquals(403, refused.getCode());
        assertTrue(refused.getResponseBody().contains("urn:trialkeeper:problem:"), refused.getResponseBody());
    }
}
