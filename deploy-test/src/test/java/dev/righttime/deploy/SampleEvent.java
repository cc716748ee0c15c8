package dev.righttime.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sample event of events/ as the handler's input type, read the way Lambda's runtime reads it. */
final class SampleEvent {

    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SampleEvent() {
    }

    static Object read(Path file, Object handler) throws IOException {
        for (Method m : handler.getClass().getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                return EVENTS.readValue(Files.readString(file), m.getParameterTypes()[0]);
            }
        }
        throw new IllegalArgumentException(handler.getClass().getName() + " has no handleRequest(event, context)");
    }
}
