package dev.tasksservice.local.usage;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /local/aws-usage}: the counts of {@link AwsUsage} so far, by name (the local runtime only). */
@RestController
public class AwsUsageController {

    static final String PATH = "/local/aws-usage";

    private final AwsUsage usage;

    public AwsUsageController(AwsUsage usage) {
        this.usage = usage;
    }

    @GetMapping(PATH)
    public Map<String, Long> usage() {
        return usage.snapshot();
    }
}
