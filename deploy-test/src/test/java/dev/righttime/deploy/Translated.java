package dev.righttime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.righttime.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as CloudFormation receives it: translated by aws-sam-translator (deploy-test/sam-translate.py),
 * with the intrinsic functions ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join})
 * resolvable against the physical names a test gave the resources.
 */
final class Translated {

    final JsonNode root;
    /** Logical id or parameter name to its Ref value; "Logical.Attribute" to a GetAtt value. */
    final Map<String, String> values = new HashMap<>();

    private Translated(JsonNode root) {
        this.root = root;
    }

    /** An already translated template (tests of the checks). */
    static Translated of(JsonNode translated) {
        return new Translated(translated);
    }

    static Translated of(Path template) {
        Path python = Tools.require("python3");
        try {
            Process p = new ProcessBuilder(python.toString(), Repo.ROOT.resolve("deploy-test/sam-translate.py").toString(),
                    template.toString()).redirectErrorStream(false).start();
            var out = p.getInputStream().readAllBytes();
            var err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("sam-translate.py did not finish in 120 s");
            }
            if (p.exitValue() == 3) {
                Tools.missing(err.strip());
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("aws-sam-translator refused " + template + ":\n" + err);
            }
            return new Translated(Json.mapper().readTree(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logical id to resource node, for one CloudFormation type, in template order. */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    JsonNode resource(String logicalId) {
        return root.path("Resources").path(logicalId);
    }

    /** Parameter name to its default (empty when it has none). */
    Map<String, String> parameterDefaults() {
        Map<String, String> out = new LinkedHashMap<>();
        root.path("Parameters").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("Default").asText("")));
        return out;
    }

    /** A value with every intrinsic resolved to text; an unresolvable reference is an error naming it. */
    String text(JsonNode node) {
        JsonNode r = resolve(node);
        if (!r.isValueNode()) {
            throw new IllegalStateException("not a text value: " + r);
        }
        return r.asText();
    }

    /** The node with intrinsics replaced by their values (lists stay lists). */
    JsonNode resolve(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref":
                    return text(lookup(arg.asText(), null));
                case "Fn::GetAtt":
                    List<String> parts = arg.isArray() ? List.of(arg.get(0).asText(), arg.get(1).asText())
                            : List.of(arg.asText().split("\\.", 2));
                    return text(lookup(parts.get(0), parts.get(1)));
                case "Fn::Sub":
                    return text(sub(arg));
                case "Fn::Join":
                    List<String> items = new ArrayList<>();
                    resolve(arg.get(1)).forEach(i -> items.add(i.asText()));
                    return text(String.join(arg.get(0).asText(), items));
                default:
                    break;
            }
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(resolve(n)));
            return out;
        }
        if (node.isObject()) {
            var out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue())));
            return out;
        }
        return node;
    }

    private static JsonNode text(String s) {
        return JsonNodeFactory.instance.textNode(s);
    }

    private String lookup(String name, String attribute) {
        String key = attribute == null ? name : name + "." + attribute;
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("no value for " + (attribute == null ? "Ref " : "GetAtt ") + key
                    + " (the test does not create this resource type yet: see MotoStack)");
        }
        return v;
    }

    private static final Pattern VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private String sub(JsonNode arg) {
        String pattern = arg.isArray() ? arg.get(0).asText() : arg.asText();
        Map<String, String> local = new HashMap<>();
        if (arg.isArray()) {
            arg.get(1).fields().forEachRemaining(e -> local.put(e.getKey(), resolve(e.getValue()).asText()));
        }
        return replace(pattern, (name, dotted) -> {
            if (local.containsKey(name)) {
                return local.get(name);
            }
            int dot = name.indexOf('.');
            return dot > 0 && !name.startsWith("AWS::") ? lookup(name.substring(0, dot), name.substring(dot + 1)) : lookup(name, null);
        });
    }

    private static String replace(String pattern, BiFunction<String, Boolean, String> value) {
        Matcher m = VAR.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1), m.group(1).contains("."))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
