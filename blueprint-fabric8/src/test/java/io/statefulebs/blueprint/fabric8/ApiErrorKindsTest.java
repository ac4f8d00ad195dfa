package io.statefulebs.blueprint.fabric8;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulebs.blueprint.error.BackendException;
import io.statefulebs.blueprint.error.BackendException.Kind;
import io.statefulebs.blueprint.error.ForbiddenException;
import io.statefulebs.blueprint.error.NotFoundException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** Code can branch on what went wrong: each API answer becomes a kind, its status and whether a retry may help. */
class ApiErrorKindsTest {
    private static final RequiredAccess ACCESS = RequiredAccess.of("delete", "volumeattachments", "storage.k8s.io", null);

    @ParameterizedTest
    @CsvSource({"401, UNAUTHORIZED, false", "403, FORBIDDEN, false", "404, NOT_FOUND, false", "409, CONFLICT, false",
            "422, INVALID, false", "429, THROTTLED, true", "500, SERVER_ERROR, true", "503, SERVER_ERROR, true"})
    void anAnswerBecomesAKind(int code, Kind kind, boolean retryable) {
        BackendException e = (BackendException) ApiErrors.translate("delete VolumeAttachment/csi-1", ACCESS, answer(code));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.status()).hasValue(code);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.operation()).isEqualTo("delete VolumeAttachment/csi-1");
    }

    @Test
    void aForbiddenAnswerNamesTheVerbAndResource() {
        assertThat(ApiErrors.translate("delete VolumeAttachment/csi-1", ACCESS, answer(403)))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                    assertThat(e.verb()).isEqualTo("delete");
                    assertThat(e.resource()).contains("volumeattachments");
                    assertThat(e.namespace()).isEmpty();
                });
        assertThat(ApiErrors.translate("get Pod/ns/p", ACCESS, answer(404))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void noAnswerIsUnreachableAndSaysSo() {
        KubernetesClientException refused = new KubernetesClientException("connect failed", new ConnectException("Connection refused"));

        BackendException e = (BackendException) ApiErrors.translate("list nodes", ACCESS, refused);

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.status()).isEmpty();
        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessageContaining("cannot reach the API server: ConnectException: Connection refused")
                .hasMessageNotContaining("answered -1").hasMessageNotContaining("answered 0");
    }

    private static KubernetesClientException answer(int code) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage("the server's words").build());
    }
}
