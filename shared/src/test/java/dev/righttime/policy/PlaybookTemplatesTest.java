package dev.righttime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.righttime.model.Channel;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.send.Renderer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The playbook's templates: every message type has one, user files merge over them, mistakes fail at load. */
class PlaybookTemplatesTest {

    static Playbook load(String yaml) throws Exception {
        return Playbook.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyChannelOfEveryMessageTypeHasATemplate() {
        Templates t = Playbook.defaults().templates();
        for (SignalType type : new SignalType[] {SignalType.TICKET_OPENED, SignalType.CANCEL_REQUESTED,
                SignalType.SOCIAL_MENTION, SignalType.CART_ABANDONED, SignalType.PRODUCT_VIEWED,
                SignalType.TREND_DETECTED, SignalType.EMERGENCY_ALERT}) {
            for (Channel c : Channel.values()) {
                assertThat(t.find(type, c)).as(type + " on " + c).isPresent();
            }
        }
        assertThat(t.find(Templates.HOLDING_REPLY, Channel.SOCIAL)).isPresent();
    }

    @Test
    void aUserTemplateReplacesOneChannelAndRendersProfileAndSignalAttributes() throws Exception {
        Playbook p = load("templates: {trend.detected: {social: {text: 'About {{topic}}, {{firstName}}: {{missing}}done'}}}");
        Signal trend = new Signal("standard:1", "standard", SignalType.TREND_DETECTED, Instant.EPOCH, null,
                Map.of("topic", "the outage", "firstName", "signal"));
        CustomerProfile ada = new CustomerProfile("c1", null, null, null, null, null, null, Map.of("firstName", "Ada"));

        Renderer.Rendered r = new Renderer(p.templates()).render(SignalType.TREND_DETECTED, Channel.SOCIAL, trend, ada).orElseThrow();

        assertThat(r.text()).isEqualTo("About the outage, Ada: done");
        assertThat(p.templates().find(SignalType.TREND_DETECTED, Channel.EMAIL)).isPresent();
        assertThat(p.brand().timezone()).isEqualTo(Playbook.defaults().brand().timezone());
    }

    @Test
    void unknownSignalTypesChannelsAndEmailWithoutSubjectFailAtLoad() {
        assertThatThrownBy(() -> load("templates: {commerce.cart_lost: {any: {subject: s, text: t}}}"))
                .hasMessageContaining("commerce.cart_lost");
        assertThatThrownBy(() -> load("templates: {trend.detected: {fax: {text: t}}}")).hasMessageContaining("fax");
        assertThatThrownBy(() -> load("templates: {trend.detected: {email: {text: t}}}")).hasMessageContaining("subject");
        assertThatThrownBy(() -> load("templates: {trend.detected: {sms: {text: t, tone: warm}}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
