package dev.righttime.newsroom;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling the newsroom. Deployed, API Gateway's JWT authorizer has checked the token and
 * passes its claims: the approver is the claim {@code email}, else {@code sub}. Locally (and as a
 * break-glass in the cloud, if set) a bearer token equal to {@code RIGHTTIME_ADMIN_TOKEN}
 * (constant-time comparison) is the approver {@code admin}. Neither: nobody (401).
 */
public final class Approver {

    public static final String ADMIN = "admin";

    private final byte[] adminToken;

    /** {@code adminToken} null or blank: bearer tokens are not accepted. */
    public Approver(String adminToken) {
        this.adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken.getBytes(UTF_8);
    }

    public Optional<String> resolve(Map<String, String> jwtClaims, Map<String, String> headers) {
        if (jwtClaims != null) {
            for (String claim : new String[] {"email", "sub"}) {
                String v = jwtClaims.get(claim);
                if (v != null && !v.isBlank()) {
                    return Optional.of(v);
                }
            }
        }
        String authorization = header(headers, "authorization");
        if (adminToken == null || authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = authorization.substring(7).trim().getBytes(UTF_8);
        return MessageDigest.isEqual(given, adminToken) ? Optional.of(ADMIN) : Optional.empty();
    }

    static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
