package dev.tasksservice.infra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders CloudFormation values that hold intrinsic functions ({@code Fn::Join}, {@code Ref}, {@code Fn::GetAtt}) as
 * plain strings: pseudo parameters become example values, so ARNs stay well-formed, and references to resources
 * become {@code <Ref LogicalId>} and {@code <LogicalId.Attribute>}.
 */
final class CloudFormationValues {

    static final String PARTITION = "aws";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    private CloudFormationValues() {}

    static String render(Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1) {
            Map.Entry<?, ?> function = intrinsic.entrySet().iterator().next();
            switch (function.getKey().toString()) {
                case "Ref":
                    return ref(function.getValue().toString());
                case "Fn::GetAtt":
                    List<?> target = (List<?>) function.getValue();
                    return getAtt(target.get(0).toString(), target.get(1).toString());
                case "Fn::Join":
                    List<?> join = (List<?>) function.getValue();
                    return ((List<?>) join.get(1))
                            .stream()
                                    .map(CloudFormationValues::render)
                                    .collect(Collectors.joining(join.get(0).toString()));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("cannot render " + value);
    }

    static String ref(String logicalId) {
        return switch (logicalId) {
            case "AWS::Partition" -> PARTITION;
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> "<Ref " + logicalId + ">";
        };
    }

    static String getAtt(String logicalId, String attribute) {
        return "<" + logicalId + "." + attribute + ">";
    }
}
