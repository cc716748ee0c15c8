package dev.righttime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A wrong JSON shape is described in the JSON's words, with its path, never with Java class names. */
class JsonErrorsTest {

    record Shapes(List<String> tags, int count, boolean on, String name) {
    }

    private static String describe(String json, Class<?> type) {
        Throwable e = catchThrowable(() -> Json.mapper().readValue(json, type));
        assertThat(e).as("parsing %s", json).isNotNull();
        return JsonErrors.describe(e);
    }

    @Test
    void aStringWhereTheSignalNeedsAnObjectNamesTheFieldAndTheShape() {
        String message = describe("{\"signalId\":\"s1\",\"source\":\"standard\",\"type\":\"support.ticket_opened\","
                + "\"occurredAt\":\"2026-03-01T20:00:00Z\",\"customerRef\":\"c1\"}", Signal.class);

        assertThat(message).isEqualTo("customerRef: expected an object").doesNotContain("dev.righttime");
    }

    @Test
    void aListWhereTheSignalNeedsAnObject() {
        String message = describe("{\"signalId\":\"s1\",\"source\":\"standard\",\"type\":\"support.ticket_opened\","
                + "\"occurredAt\":\"2026-03-01T20:00:00Z\",\"customerRef\":{\"customerId\":\"c1\"},\"attributes\":[1]}", Signal.class);

        assertThat(message).isEqualTo("attributes: expected an object");
    }

    @Test
    void listsNumbersAndBooleansAreNamedAsJsonKinds() {
        assertThat(describe("{\"tags\":{\"a\":1}}", Shapes.class)).isEqualTo("tags: expected a list");
        assertThat(describe("{\"count\":[1]}", Shapes.class)).isEqualTo("count: expected a number");
        assertThat(describe("{\"on\":[true]}", Shapes.class)).isEqualTo("on: expected true or false");
        assertThat(describe("{\"name\":{\"first\":\"Ada\"}}", Shapes.class)).isEqualTo("name: expected a string");
    }

    @Test
    void brokenJsonStaysASyntaxError() {
        assertThat(describe("{\"name\":", Shapes.class)).startsWith("invalid JSON");
    }
}
