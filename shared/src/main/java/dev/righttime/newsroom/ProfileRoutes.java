package dev.righttime.newsroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.righttime.flow.Customers;
import dev.righttime.flow.Erasure;
import dev.righttime.model.CustomerProfile;
import dev.righttime.model.CustomerRef;
import dev.righttime.model.Json;
import dev.righttime.model.JsonErrors;
import dev.righttime.model.Signal;
import dev.righttime.model.SignalType;
import dev.righttime.policy.ProfileUpdates;
import dev.righttime.port.ProfileStore;
import dev.righttime.time.QuietHours;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profile API, behind the newsroom's auth:
 * <pre>
 * GET    /profiles/{id}   the profile (the spec's format) with its "version"; 404 if none
 * PUT    /profiles/{id}   creates (201) or replaces (200) it
 * PATCH  /profiles/{id}   merges the fields given, as profile.updated does (nested objects field by field)
 * DELETE /profiles/{id}   erasure ({@link Erasure}); 200 with what was erased
 * </pre>
 * Writes are conditional when they name a version, as {@code "version": N} in the body or an
 * {@code If-Match: "N"} header: another version stored means 409 {@code version_conflict}, nothing
 * written. Without one, PUT replaces whatever is there and PATCH merges into the latest; either way
 * the store's own write is conditional on the version read, so no concurrent change is lost silently.
 */
public final class ProfileRoutes {

    private static final Pattern PROFILE = Pattern.compile("^/profiles/([^/]+)/?$");
    private static final Set<String> FIELDS = Set.of("customerId", "timezone", "quietHours", "consent", "addresses", "segments",
            "preferredChannel", "attributes", "version");

    private final Customers customers;
    private final Erasure erasure;
    private final QuietHours defaultQuietHours;
    private final Clock clock;

    public ProfileRoutes(Customers customers, Erasure erasure, QuietHours defaultQuietHours, Clock clock) {
        this.customers = customers;
        this.erasure = erasure;
        this.defaultQuietHours = defaultQuietHours;
        this.clock = clock;
    }

    /** The answer for a /profiles route, or empty when the path is not one. */
    public Optional<NewsroomApi.Answer> handle(NewsroomApi.Request request, String method, String path, String who) {
        Matcher m = PROFILE.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String id = URLDecoder.decode(m.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        if (id.isBlank() || id.length() > 256) {
            return Optional.of(NewsroomApi.error(400, "invalid_profile", "a customerId is 1 to 256 characters"));
        }
        try {
            return Optional.of(switch (method) {
                case "GET" -> get(id);
                case "PUT" -> put(id, request);
                case "PATCH" -> patch(id, request);
                case "DELETE" -> ok(200, Map.of("customerId", id, "erased", erasure.erase(id, who)));
                default -> NewsroomApi.error(405, "method_not_allowed", "GET, PUT, PATCH or DELETE");
            });
        } catch (BadRequest e) {
            return Optional.of(NewsroomApi.error(400, "invalid_profile", e.getMessage()));
        }
    }

    private NewsroomApi.Answer get(String id) {
        return customers.read(id).map(v -> ok(200, view(v.profile(), v.version())))
                .orElseGet(() -> NewsroomApi.error(404, "not_found", "no profile with this customerId"));
    }

    private NewsroomApi.Answer put(String id, NewsroomApi.Request request) {
        ObjectNode body = body(request);
        JsonNode given = body.get("customerId");
        if (given != null && !given.isNull() && !id.equals(given.asText())) {
            throw new BadRequest("customerId in the body differs from the one in the path");
        }
        Long expected = expectedVersion(request, body);
        body.remove("version");
        body.put("customerId", id);
        CustomerProfile profile;
        try {
            profile = Json.mapper().treeToValue(body, CustomerProfile.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadRequest(JsonErrors.describe(e));
        }
        return write(id, expected, before -> profile);
    }

    private NewsroomApi.Answer patch(String id, NewsroomApi.Request request) {
        ObjectNode body = body(request);
        Long expected = expectedVersion(request, body);
        body.remove("version");
        body.remove("customerId");
        Map<String, Object> fields = Json.mapper().convertValue(body, Json.mapper().getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        Signal update = new Signal("profile-api:" + id, "profile-api", SignalType.PROFILE_UPDATED, clock.instant(),
                CustomerRef.ofCustomerId(id), fields);
        return write(id, expected, before -> {
            try {
                return ProfileUpdates.apply(id, before, update, defaultQuietHours);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        });
    }

    /**
     * Read, change, write conditionally on the version read: 409 when it is not the one the request
     * named; without one, again on a concurrent write (at most five times).
     */
    private NewsroomApi.Answer write(String id, Long expected, UnaryOperator<CustomerProfile> change) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<ProfileStore.Versioned> current = customers.read(id);
            long stored = current.map(ProfileStore.Versioned::version).orElse(0L);
            if (expected != null && expected != stored) {
                return conflict(stored);
            }
            CustomerProfile before = current.map(ProfileStore.Versioned::profile).orElse(null);
            CustomerProfile after = change.apply(before);
            long version = customers.write(after, before, stored);
            if (version > 0) {
                return ok(stored == 0 ? 201 : 200, view(after, version));
            }
        }
        return conflict(customers.read(id).map(ProfileStore.Versioned::version).orElse(0L));
    }

    /** The version a write is conditional on: the body's "version" or If-Match ("3", W/"3"); null for none. */
    private static Long expectedVersion(NewsroomApi.Request request, ObjectNode body) {
        Long fromBody = null;
        JsonNode v = body.get("version");
        if (v != null && !v.isNull()) {
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                throw new BadRequest("version must be a whole number >= 0 (0: the profile must not exist yet)");
            }
            fromBody = v.asLong();
        }
        Long fromHeader = null;
        String ifMatch = header(request, "if-match");
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.trim().equals("*")) {
            String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
            try {
                fromHeader = Long.parseLong(tag);
            } catch (NumberFormatException e) {
                throw new BadRequest("If-Match must be a profile version, e.g. \"3\"");
            }
        }
        if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
            throw new BadRequest("the body's version and If-Match differ");
        }
        return fromBody != null ? fromBody : fromHeader;
    }

    private static String header(NewsroomApi.Request request, String name) {
        if (request.headers() == null) {
            return null;
        }
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (h.getKey() != null && h.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static ObjectNode body(NewsroomApi.Request request) {
        if (request.body() == null || request.body().isBlank()) {
            throw new BadRequest("the body must be a JSON object");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequest("the body must be a JSON object");
        }
        object.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new BadRequest("unknown profile field '" + f + "'");
            }
        });
        return object;
    }

    private static Map<String, Object> view(CustomerProfile profile, long version) {
        Map<String, Object> out = Json.mapper().convertValue(profile, Json.mapper().getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        out.put("version", version);
        return out;
    }

    private static NewsroomApi.Answer conflict(long stored) {
        return NewsroomApi.error(409, "version_conflict", "the profile is at version " + stored
                + " (0: there is none); read it again and retry");
    }

    private static NewsroomApi.Answer ok(int status, Object body) {
        try {
            return new NewsroomApi.Answer(status, Json.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
