package dev.righttime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.model.Channel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The playbook's deliverability section: defaults, a user's override, and refused values. */
class DeliverabilitySettingsTest {

    static Playbook load(String yaml) throws Exception {
        return Playbook.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void defaultsAreAWeekOfAttributionTwoMonthLinksFallbackOnAndPerChannelRates() {
        Playbook.Deliverability d = Playbook.defaults().deliverability();
        assertThat(d.attributionWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(d.unsubscribeTokenTtl()).isEqualTo(Duration.ofDays(60));
        assertThat(d.channelFallback()).isTrue();
        assertThat(d.rate(Channel.EMAIL)).hasValue(7.0);
        assertThat(d.rate(Channel.SMS)).hasValue(10.0);
        assertThat(d.rate(Channel.SOCIAL)).isEmpty();
    }

    @Test
    void aUserOverridesOneSettingAndKeepsTheRest() throws Exception {
        Playbook.Deliverability d = load("deliverability: {attributionWindow: P2D, sendRates: {email: 1.5}}").deliverability();
        assertThat(d.attributionWindow()).isEqualTo(Duration.ofDays(2));
        assertThat(d.rate(Channel.EMAIL)).hasValue(1.5);
        assertThat(d.rate(Channel.SMS)).as("mappings merge: the default sms rate stays").hasValue(10.0);
        assertThat(d.unsubscribeTokenTtl()).isEqualTo(Duration.ofDays(60));
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> load("deliverability: {sendRates: {email: 0}}")).hasMessageContaining("deliverability.sendRates.email");
        assertThatThrownBy(() -> load("deliverability: {unsubscribeTokenTtl: PT0S}")).hasMessageContaining("unsubscribeTokenTtl");
        assertThatThrownBy(() -> load("deliverability: {sendRates: {fax: 1}}")).hasMessageContaining("fax");
        assertThatThrownBy(() -> load("deliverability: {bounceRate: 1}")).hasMessageContaining("bounceRate");
    }
}
