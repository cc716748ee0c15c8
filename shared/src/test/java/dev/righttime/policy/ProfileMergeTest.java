package dev.righttime.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.righttime.model.Addresses;
import dev.righttime.model.Channel;
import dev.righttime.model.Consent;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules for joining what two sources know about one person. */
class ProfileMergeTest {

    static final CustomerProfile ADA = new CustomerProfile("c1", ZoneId.of("Europe/Berlin"), null, new Consent(true, null, true),
            new Addresses("ada@example.com", null, null), List.of("vip"), Channel.EMAIL, Map.of("firstName", "Ada"));
    static final CustomerProfile STRIPE = new CustomerProfile("stripe:cus_1", ZoneId.of("UTC"), null, new Consent(null, true, false),
            new Addresses("ada.work@example.com", "+4915100000001", "@ada"), List.of("payers", "vip"), Channel.SMS,
            Map.of("firstName", "A.", "plan", "pro"));

    @Test
    void theSurvivorsFieldsWinTheOthersFillItsGapsAndARefusalStays() {
        CustomerProfile m = ProfileMerge.merge(ADA, STRIPE);

        assertThat(m.customerId()).isEqualTo("c1");
        assertThat(m.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(m.addresses()).isEqualTo(new Addresses("ada@example.com", "+4915100000001", "@ada"));
        assertThat(m.consent()).isEqualTo(new Consent(true, true, false));
        assertThat(m.segments()).containsExactly("vip", "payers");
        assertThat(m.preferredChannel()).isEqualTo(Channel.EMAIL);
        assertThat(m.attributes()).containsEntry("firstName", "Ada").containsEntry("plan", "pro");
    }

    @Test
    void aLinkOnlyFillsMissingAddresses() {
        CustomerProfile filled = ProfileMerge.fillAddresses(ADA, new CustomerRef("stripe:cus_1", "other@example.com", "+491", "@ada"));
        assertThat(filled.addresses()).isEqualTo(new Addresses("ada@example.com", "+491", "@ada"));
        assertThat(ProfileMerge.fillAddresses(CustomerProfile.of("c9"), CustomerRef.ofCustomerId("x"))).isEqualTo(CustomerProfile.of("c9"));
    }
}
