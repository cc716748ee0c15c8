package dev.righttime.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who a signal is about, as the source knows them: our customerId, or an identity
 * (email, phone, X handle) that resolves to one. All fields null means "nobody in particular".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerRef(String customerId, String email, String phone, String x) {

    public static final CustomerRef NONE = new CustomerRef(null, null, null, null);

    public static CustomerRef ofCustomerId(String customerId) {
        return new CustomerRef(customerId, null, null, null);
    }

    public boolean isEmpty() {
        return customerId == null && email == null && phone == null && x == null;
    }
}
