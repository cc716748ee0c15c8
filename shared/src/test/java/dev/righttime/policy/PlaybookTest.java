package dev.righttime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.model.Channel;
import dev.righttime.model.Fallback;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PlaybookTest {

    static Playbook load(String yaml) throws IOException {
        return Playbook.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void defaultsAreTheSpecsNumbers() {
        Playbook p = Playbook.defaults();
        assertThat(p.brand().timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(p.brand().engagementSlots()).containsExactly(LocalTime.of(9, 0), LocalTime.of(13, 0), LocalTime.of(17, 0));
        assertThat(p.brand().defaultQuietHours().start()).isEqualTo(LocalTime.of(21, 0));
        assertThat(p.brand().defaultQuietHours().end()).isEqualTo(LocalTime.of(8, 0));
        assertThat(p.approval().reachThreshold()).isEqualTo(10_000);
        assertThat(p.staleness().marketing()).isEqualTo(Duration.ofHours(24));
        assertThat(p.context().pauseMarketingOn()).containsExactly("complaint", "support.ticket_opened", "account.cancel_requested");
        assertThat(p.context().unknownCustomerWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.approval().mention().deadline()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.approval().mention().fallback()).isEqualTo(Fallback.HOLDING_REPLY);
        assertThat(p.approval().trend().deadline()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.approval().trend().fallback()).isEqualTo(Fallback.DROP);
        assertThat(p.marketing().cartAbandonedDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(p.marketing().productViewedDelay()).isEqualTo(Duration.ofHours(4));
        assertThat(p.marketing().cap().messages()).isEqualTo(1);
        assertThat(p.marketing().cap().window()).isEqualTo(Duration.ofHours(24));
        assertThat(p.marketing().channels()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(p.emergency().channels()).containsExactly(Channel.EMAIL, Channel.SMS);
    }

    @Test
    void aUserFileOverridesOnlyWhatItNames() throws IOException {
        Playbook p = load("""
                brand: {timezone: Europe/Paris, engagementSlots: ["10:30"]}
                approval: {mention: {deadline: PT2M}}
                """);
        assertThat(p.brand().timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(p.brand().engagementSlots()).containsExactly(LocalTime.of(10, 30));
        assertThat(p.brand().defaultQuietHours().start()).isEqualTo(LocalTime.of(21, 0));
        assertThat(p.approval().mention().deadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.approval().mention().fallback()).isEqualTo(Fallback.HOLDING_REPLY);
        assertThat(p.approval().reachThreshold()).isEqualTo(10_000);
        assertThat(p.staleness().marketing()).isEqualTo(Duration.ofHours(24));
        assertThat(p.context().pauseMarketingOn()).containsExactly("complaint", "support.ticket_opened", "account.cancel_requested");
        assertThat(p.context().unknownCustomerWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(load("").marketing().cap().messages()).isEqualTo(1);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> load("brand: {timezone: Mars/Olympus}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown timezone 'Mars/Olympus'");
        assertThatThrownBy(() -> load("marketing: {cap: {messages: 0}}"))
                .hasMessageContaining("marketing.cap.messages must be >= 1");
        assertThatThrownBy(() -> load("context: {pauseMarketingOn: [complaints]}"))
                .hasMessageContaining("context.pauseMarketingOn: 'complaints' is not one of");
        assertThatThrownBy(() -> load("context: {unknownCustomerWait: PT1H}"))
                .hasMessageContaining("context.unknownCustomerWait must be between PT0S and PT15M");
        assertThatThrownBy(() -> load("staleness: {marketing: PT0S}"))
                .hasMessageContaining("staleness.marketing must be a positive duration");
        assertThatThrownBy(() -> load("approval: {trend: {fallback: shout}}"))
                .hasMessageContaining("unknown fallback 'shout'");
        assertThatThrownBy(() -> load("brand: {engagementSlots: []}"))
                .hasMessageContaining("brand.engagementSlots needs at least one time");
        assertThatThrownBy(() -> load("brnad: {timezone: UTC}"))
                .hasMessageContaining("brnad");
        assertThatThrownBy(() -> load("- just a list"))
                .hasMessageContaining("a playbook must be a YAML mapping");
    }
}
