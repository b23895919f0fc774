package io.flashsale.model.stock;

import io.flashsale.model.catalog.Sale;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationTest {

    @Test
    void formatsAndParsesSegmentUnits() {
        Map<Integer, Integer> units = new LinkedHashMap<>();
        units.put(3, 1);
        units.put(0, 2);

        assertThat(Allocation.format(units)).isEqualTo("3:1,0:2");
        assertThat(Allocation.parse("3:1,0:2")).isEqualTo(units);
        assertThat(Allocation.parse(null)).isEmpty();
    }

    @Test
    void rejectsTextThatIsNotSegmentUnits() {
        assertThatThrownBy(() -> Allocation.parse("3-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3-1");
    }

    @Test
    void splitsStockEvenlyOverSegments() {
        Sale sale = new Sale("s", "p", 10, 4, 1, 0, 1);

        assertThat(new int[] {sale.initialUnitsOf(0), sale.initialUnitsOf(1), sale.initialUnitsOf(2),
                sale.initialUnitsOf(3)}).containsExactly(3, 3, 2, 2);
    }
}
