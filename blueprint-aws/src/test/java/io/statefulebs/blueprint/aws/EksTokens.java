package io.statefulebs.blueprint.aws;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads an EKS token back into the presigned URL it carries. */
final class EksTokens {
    private EksTokens() {
    }

    static URI url(String token) {
        assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=", "+", "/");
        return URI.create(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())),
                StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String token) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url(token).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
