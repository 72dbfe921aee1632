package dev.tasksservice.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void quotesPlainText() {
        assertThat(Json.string("2030-01-01T10:00:00.000Z")).isEqualTo("\"2030-01-01T10:00:00.000Z\"");
    }

    @Test
    void escapesWhatJsonDoesNotTakeLiterally() {
        assertThat(Json.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    @Test
    void readsBackToTheSameText() {
        String text = "quote \" backslash \\ tab \t bell \u0007 é";

        assertThat(JsonFields.string("{\"f\":" + Json.string(text) + "}", "f")).contains(text);
    }
}
