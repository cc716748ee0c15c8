package dev.righttime.policy;

import dev.righttime.model.CustomerProfile;
import dev.righttime.model.Signal;

/** Type-specific checks of a signal's attributes, so bad input fails at the door, not mid-decision. */
public final class SignalRules {

    private SignalRules() {
    }

    /** Throws IllegalArgumentException naming what is wrong. */
    public static void validate(Signal signal) {
        switch (signal.type()) {
            case CONSENT_CHANGED -> ConsentChange.of(signal);
            case PROFILE_UPDATED -> ProfileUpdates.apply("validation", CustomerProfile.of("validation"), signal);
            case EMERGENCY_ALERT -> {
                if (!(signal.attribute("segment") instanceof String s) || s.isBlank()) {
                    throw new IllegalArgumentException("emergency.alert needs attributes.segment");
                }
            }
            default -> {
            }
        }
    }
}
