package dev.righttime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A parsed template and the few questions the checks ask of it (with SAM's Globals applied). */
record Template(JsonNode root) {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String QUEUE = "AWS::SQS::Queue";
    static final String TABLE = "AWS::DynamoDB::Table";
    static final String ALARM = "AWS::CloudWatch::Alarm";
    static final String HTTP_API = "AWS::Serverless::HttpApi";

    static Template of(String yaml) {
        return new Template(CfnYaml.parse(yaml));
    }

    static Template read(Path file) {
        try {
            return of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logical id to properties, in template order. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return out;
    }

    JsonNode globalFunction() {
        return root.path("Globals").path("Function");
    }

    /** A function property, else the Globals one. */
    JsonNode functionProperty(String function, String name) {
        JsonNode own = resources(FUNCTION).get(function).path(name);
        return own.isMissingNode() ? globalFunction().path(name) : own;
    }

    /** Timeout in seconds (SAM's default is 3). */
    int timeout(String function) {
        JsonNode t = functionProperty(function, "Timeout");
        return t.isMissingNode() ? 3 : t.asInt();
    }

    /** Globals' variables overlaid by the function's own, as SAM merges them. */
    Map<String, JsonNode> environment(String function) {
        Map<String, JsonNode> env = new TreeMap<>();
        globalFunction().path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
        resources(FUNCTION).get(function).path("Environment").path("Variables").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
        return env;
    }

    List<JsonNode> policies(String function) {
        List<JsonNode> out = new ArrayList<>();
        globalFunction().path("Policies").forEach(out::add);
        resources(FUNCTION).get(function).path("Policies").forEach(out::add);
        return out;
    }

    /** The events of one type (HttpApi, SQS) of a function: event name to properties. */
    Map<String, JsonNode> events(String function, String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        resources(FUNCTION).get(function).path("Events").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return out;
    }

    /** The logical id a {@code !Ref X} or {@code !GetAtt X.attr} names. */
    static Optional<String> target(JsonNode value) {
        if (value.has("Ref")) {
            return Optional.of(value.get("Ref").asText());
        }
        if (value.has("Fn::GetAtt")) {
            return Optional.of(value.get("Fn::GetAtt").get(0).asText());
        }
        return Optional.empty();
    }

    /** The default of each parameter, for rendering a {@code !Sub}. */
    Map<String, String> parameterDefaults() {
        Map<String, String> out = new TreeMap<>();
        root.path("Parameters").fields().forEachRemaining(e -> {
            if (e.getValue().has("Default")) {
                out.put(e.getKey(), e.getValue().get("Default").asText());
            }
        });
        return out;
    }
}
