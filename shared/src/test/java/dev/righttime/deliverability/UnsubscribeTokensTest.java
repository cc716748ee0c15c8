package dev.righttime.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.model.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String KEY = "unsubscribe-key-0123456789";
    final UnsubscribeTokens tokens = new UnsubscribeTokens(List.of(KEY));
    final UnsubscribeTokens.Claims claims = new UnsubscribeTokens.Claims("c1", Channel.EMAIL, "r-1", T0.plus(Duration.ofDays(60)));

    @Test
    void aSignedTokenVerifiesToItsClaimsUntilItExpires() {
        String token = tokens.sign(claims);

        assertThat(tokens.verify(token, T0)).contains(claims);
        assertThat(tokens.verify(token, T0.plus(Duration.ofDays(60)).minusSeconds(1))).contains(claims);
        assertThat(tokens.verify(token, T0.plus(Duration.ofDays(60)))).isEmpty();
    }

    @Test
    void aForgedOrAlteredTokenIsRefused() {
        String token = tokens.sign(claims);
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        // Another customer's payload under this signature.
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"c\":\"c2\",\"ch\":\"email\",\"exp\":9999999999}".getBytes());
        assertThat(tokens.verify(other + "." + signature, T0)).isEmpty();
        // Signed with another key.
        assertThat(tokens.verify(new UnsubscribeTokens(List.of("someone-elses-key-0123")).sign(claims), T0)).isEmpty();
        // Truncated, garbage, empty, missing.
        assertThat(tokens.verify(payload + "." + signature.substring(1), T0)).isEmpty();
        assertThat(tokens.verify(payload, T0)).isEmpty();
        assertThat(tokens.verify("not a token", T0)).isEmpty();
        assertThat(tokens.verify("", T0)).isEmpty();
        assertThat(tokens.verify(null, T0)).isEmpty();
    }

    @Test
    void aRotatedKeyStillVerifiesLinksAlreadySent() {
        String old = tokens.sign(claims);
        UnsubscribeTokens rotated = new UnsubscribeTokens(List.of("the-new-key-0123456789", KEY));

        assertThat(rotated.verify(old, T0)).contains(claims);
        assertThat(tokens.verify(rotated.sign(claims), T0)).as("the new key signs").isEmpty();
    }

    @Test
    void aShortOrMissingKeyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new UnsubscribeTokens(List.of("short"))).hasMessageContaining("16 characters");
        assertThatThrownBy(() -> new UnsubscribeTokens(List.of())).hasMessageContaining("UNSUBSCRIBE_SECRET");
    }

    @Test
    void linksCarryTheTokenInTheHttpsUrlAndTheMailto() {
        UnsubscribeLinks links = new UnsubscribeLinks(java.net.URI.create("https://api.example.com/"), "unsubscribe@example.com",
                tokens, Duration.ofDays(60), java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
        UnsubscribeLinks.Links l = links.of("c1", Channel.EMAIL, "r-1");

        assertThat(l.unsubscribeUrl()).startsWith("https://api.example.com/unsubscribe?token=");
        assertThat(l.preferencesUrl()).startsWith("https://api.example.com/preferences?token=");
        assertThat(l.listUnsubscribe()).matches("<https://api\\.example\\.com/unsubscribe\\?token=[^>]+>, <mailto:unsubscribe@example\\.com\\?subject=unsubscribe%20[^>]+>");
        String token = java.net.URLDecoder.decode(l.unsubscribeUrl().substring(l.unsubscribeUrl().indexOf('=') + 1),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(tokens.verify(token, T0)).contains(claims);
    }
}
