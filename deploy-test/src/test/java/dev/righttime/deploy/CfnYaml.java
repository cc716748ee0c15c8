package dev.righttime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template into a Jackson tree, with the short-form intrinsic tags
 * turned into their long form: {@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s} is {@code {"Fn::Sub": s}}, and so on.
 * Uses SnakeYAML (the parser under Jackson YAML) with one constructor per tag.
 */
final class CfnYaml {

    static final List<String> INTRINSICS = List.of("Ref", "Condition", "GetAtt", "Sub", "If", "Join", "Select",
            "Split", "Equals", "Not", "And", "Or", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue",
            "Transform", "ToJsonString", "Length");

    private static final ObjectMapper JSON = new ObjectMapper();

    private CfnYaml() {
    }

    static JsonNode parse(String yaml) {
        Object tree = new Yaml(new IntrinsicConstructor()).load(yaml);
        return JSON.valueToTree(tree);
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String name : INTRINSICS) {
                yamlConstructors.put(new Tag("!" + name), new Intrinsic(name));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode s) {
                    value = constructScalar(s);
                } else if (node instanceof SequenceNode q) {
                    value = constructSequence(q);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                if (name.equals("GetAtt") && value instanceof String s) {
                    value = List.of(s.split("\\.", 2));
                }
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                return Map.of(key, value);
            }
        }
    }
}
