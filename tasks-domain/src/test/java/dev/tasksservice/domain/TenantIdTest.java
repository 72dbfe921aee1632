package dev.tasksservice.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasksservice.domain.model.TenantId;
import org.junit.jupiter.api.Test;

class TenantIdTest {

    @Test
    void theDefaultTenantIsNamedDefault() {
        assertThat(TenantId.DEFAULT.value()).isEqualTo("default");
        assertThat(TenantId.DEFAULT).isEqualTo(new TenantId("default"));
    }

    @Test
    void aTenantHoldsOnlyLettersDigitsDotsUnderscoresAndDashes() {
        assertThat(new TenantId("Acme-corp.eu_1").value()).isEqualTo("Acme-corp.eu_1");
        assertThat(new TenantId("a".repeat(128)).value()).hasSize(128);
        for (String refused : new String[] {"", "a:b", "a b", "ä", "a".repeat(129)}) {
            assertThatThrownBy(() -> new TenantId(refused)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new TenantId(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
