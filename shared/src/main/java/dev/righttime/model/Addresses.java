package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a customer can be reached. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Addresses(String email, String phone, String x) {

    public static final Addresses NONE = new Addresses(null, null, null);

    /** The address a channel delivers to; chat replies go back into the conversation, not to an address. */
    public String of(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> phone;
            case SOCIAL -> x;
            case CHAT -> null;
        };
    }
}
