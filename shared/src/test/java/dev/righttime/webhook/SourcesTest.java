package dev.righttime.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourcesTest {

    @Test
    void theDefaultSourcesAreTheSpecsSixWithEnvSecrets() {
        Sources s = Sources.defaults();
        assertThat(s.names()).containsExactlyInAnyOrder("standard", "stripe", "shopify", "zendesk", "segment", "x");
        assertThat(s.find("stripe").orElseThrow().secretRefs()).containsExactly("env:RIGHTTIME_SECRET_STRIPE");
        assertThat(s.find("stripe").orElseThrow().scheme()).isInstanceOf(StripeScheme.class);
    }

    @Test
    void aSourceMayListSeveralSecretReferences() throws Exception {
        Sources s = load("sources: {alerts: {scheme: standard-webhooks, mapper: canonical, secrets: [env:A, 'ssm:/rt/alerts']}}");
        assertThat(s.find("alerts").orElseThrow().secretRefs()).containsExactly("env:A", "ssm:/rt/alerts");
        SecretRefs refs = new SecretRefs(Map.of("A", "one, two")::get, path -> path.equals("/rt/alerts") ? "three" : null);
        assertThat(refs.resolve(List.of("env:A", "ssm:/rt/alerts"))).containsExactly("one", "two", "three");
    }

    @Test
    void mistakesInTheFileAreErrorsAtStartUp() {
        assertThatThrownBy(() -> load("sources: {a: {scheme: rot13, mapper: canonical}}")).hasMessageContaining("sources.a.scheme");
        assertThatThrownBy(() -> load("sources: {a: {scheme: stripe, mapper: stripe, secret: env:X}}")).hasMessageContaining("unknown key 'secret'");
        assertThatThrownBy(() -> load("sources: {a: {scheme: stripe, mapper: stripe, secrets: 'vault:x'}}")).hasMessageContaining("env:NAME or ssm:/path");
        assertThatThrownBy(() -> load("sources: {a: {scheme: stripe, mapper: stripe, events: {x: commerce.cart_lost}}}"))
                .hasMessageContaining("unknown signal type 'commerce.cart_lost'");
    }

    @Test
    void anUnreachableSsmAnswers503AndIsAskedAgainNextTime() {
        int[] calls = {0};
        SecretRefs refs = new SecretRefs(n -> null, path -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("timeout");
            }
            return "s";
        });
        assertThatThrownBy(() -> refs.resolve(List.of("ssm:/p")))
                .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.failure()).isEqualTo(Failure.SECRETS_UNAVAILABLE));
        assertThat(refs.resolve(List.of("ssm:/p"))).containsExactly("s");
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void anEnvironmentVariableHoldingAnSsmPathIsResolvedFromSsm() {
        List<String> asked = new ArrayList<>();
        SecretRefs refs = new SecretRefs(
                Map.of("RIGHTTIME_SECRET_STRIPE", "ssm:/righttime/stripe", "RIGHTTIME_SECRET_X", "plain-x")::get,
                path -> {
                    asked.add(path);
                    return path.equals("/righttime/stripe") ? "whsec_old, whsec_new" : null;
                });

        assertThat(refs.resolve(List.of("env:RIGHTTIME_SECRET_STRIPE"))).containsExactly("whsec_old", "whsec_new");
        assertThat(refs.resolve(List.of("env:RIGHTTIME_SECRET_STRIPE"))).containsExactly("whsec_old", "whsec_new");
        assertThat(refs.resolve(List.of("env:RIGHTTIME_SECRET_X"))).containsExactly("plain-x");
        // SecretRefs keeps nothing itself: the SSM lookup caches, with an expiry (SsmSecretsTest)
        assertThat(asked).containsExactly("/righttime/stripe", "/righttime/stripe");
    }

    @Test
    void anSsmPathInAnEnvironmentVariableFollowsTheSsmFailureRules() {
        Map<String, String> env = Map.of("S", "ssm:/missing", "T", "ssm:/down");
        SecretRefs refs = new SecretRefs(env::get, path -> {
            if (path.equals("/down")) {
                throw new IllegalStateException("timeout");
            }
            return null;
        });

        assertThat(refs.resolve(List.of("env:S"))).isEmpty();
        assertThatThrownBy(() -> refs.resolve(List.of("env:T")))
                .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.failure()).isEqualTo(Failure.SECRETS_UNAVAILABLE));
        assertThatThrownBy(() -> SecretRefs.of(env).resolve(List.of("env:S")))
                .hasMessageContaining("ssm: secrets are not available here");
    }

    private static Sources load(String yaml) throws Exception {
        return Sources.load(new ByteArrayInputStream(yaml.getBytes(UTF_8)));
    }
}
