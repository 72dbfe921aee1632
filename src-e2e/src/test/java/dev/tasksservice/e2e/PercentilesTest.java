package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfTheTextbookExample() {
        Percentiles percentiles = Percentiles.of(15, 20, 35, 40, 50);

        assertThat(percentiles.at(5)).isEqualTo(15);
        assertThat(percentiles.at(30)).isEqualTo(20);
        assertThat(percentiles.at(40)).isEqualTo(20);
        assertThat(percentiles.at(50)).isEqualTo(35);
        assertThat(percentiles.at(100)).isEqualTo(50);
    }

    @Test
    void unsortedInputIsSortedFirst() {
        Percentiles percentiles = Percentiles.of(List.of(20, 3, 16, 8, 7, 15, 8, 13, 10, 6));

        assertThat(percentiles.at(25)).isEqualTo(7);
        assertThat(percentiles.at(50)).isEqualTo(8);
        assertThat(percentiles.at(75)).isEqualTo(15);
        assertThat(percentiles.min()).isEqualTo(3);
        assertThat(percentiles.max()).isEqualTo(20);
    }

    @Test
    void ranksFallOnExactBoundariesWithoutFloatingPointDrift() {
        Percentiles twenty = Percentiles.of(IntStream.rangeClosed(1, 20).boxed().toList());
        Percentiles thousand =
                Percentiles.of(IntStream.rangeClosed(1, 1000).boxed().toList());

        assertThat(twenty.at(95)).isEqualTo(19);
        assertThat(thousand.at(99)).isEqualTo(990);
        assertThat(thousand.at(99.9)).isEqualTo(999);
        assertThat(thousand.at(50)).isEqualTo(500);
    }

    @Test
    void theHighPercentilesOfAHundredValuesAreTheirRanks() {
        Percentiles percentiles =
                Percentiles.of(IntStream.rangeClosed(1, 100).boxed().toList());

        assertThat(percentiles.at(50)).isEqualTo(50);
        assertThat(percentiles.at(95)).isEqualTo(95);
        assertThat(percentiles.at(99)).isEqualTo(99);
        assertThat(percentiles.at(0.1)).isEqualTo(1);
    }

    @Test
    void oneValueIsEveryPercentile() {
        Percentiles percentiles = Percentiles.of(42);

        assertThat(percentiles.at(1)).isEqualTo(42);
        assertThat(percentiles.at(50)).isEqualTo(42);
        assertThat(percentiles.at(99)).isEqualTo(42);
        assertThat(percentiles.count()).isEqualTo(1);
    }

    @Test
    void negativeValuesAreKept() {
        assertThat(Percentiles.of(-5, 3, -1).at(50)).isEqualTo(-1);
    }

    @Test
    void noValuesHaveNoPercentile() {
        Percentiles percentiles = Percentiles.of(List.<Long>of());

        assertThat(percentiles.isEmpty()).isTrue();
        assertThatThrownBy(() -> percentiles.at(50)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(percentiles::max).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void percentileOutsideZeroToHundredIsRefused() {
        Percentiles percentiles = Percentiles.of(1, 2, 3);

        assertThatThrownBy(() -> percentiles.at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> percentiles.at(100.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> percentiles.at(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
