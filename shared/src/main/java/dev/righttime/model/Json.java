package dev.righttime.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.DateTimeException;
import java.time.ZoneId;

/** The one JSON configuration of the wire formats: ISO-8601 instants, unknown fields tolerated. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(zones())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /** ZoneId with a message that names the bad value ("unknown timezone 'Mars/Base'"). */
    public static SimpleModule zones() {
        SimpleModule m = new SimpleModule("righttime-zones");
        m.addDeserializer(ZoneId.class, new com.fasterxml.jackson.databind.deser.std.FromStringDeserializer<>(ZoneId.class) {
            @Override
            protected ZoneId _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
                try {
                    return ZoneId.of(value.trim());
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("unknown timezone '" + value + "'");
                }
            }
        });
        return m;
    }

    /** Thread-safe once configured; share it rather than building mappers per request. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
