package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void alignsLabelsLeftAndValuesRight() {
        String text = new ReportTable("", List.of("burst", "spread"))
                .row("completed", List.of("1000", "7"))
                .row("lateness p50 (ms)", List.of("12", "n/a"))
                .render();

        assertThat(text.lines())
                .containsExactly(
                        " ".repeat(19) + "burst  spread",
                        "completed" + " ".repeat(11) + "1000" + " ".repeat(7) + "7",
                        "lateness p50 (ms)" + " ".repeat(5) + "12" + " ".repeat(5) + "n/a");
    }
}
