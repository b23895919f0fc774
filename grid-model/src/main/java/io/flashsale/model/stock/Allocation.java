package io.flashsale.model.stock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which segments an order's units came from, written {@code "segment:units,segment:units"} (an order usually takes
 * from one segment; near the end of a sale it may gather units from several).
 */
public final class Allocation {

    private Allocation() {
    }

    public static String format(Map<Integer, Integer> unitsBySegment) {
        StringBuilder text = new StringBuilder();
        unitsBySegment.forEach((segment, units) -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(segment).append(':').append(units);
        });
        return text.toString();
    }

    public static Map<Integer, Integer> parse(String allocation) {
        Map<Integer, Integer> unitsBySegment = new LinkedHashMap<>();
        if (allocation == null || allocation.isBlank()) {
            return unitsBySegment;
        }
        for (String part : allocation.split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("allocation part '" + part + "' is not segment:units in '"
                        + allocation + "'");
            }
            unitsBySegment.merge(Integer.parseInt(part.substring(0, colon).trim()),
                    Integer.parseInt(part.substring(colon + 1).trim()), Integer::sum);
        }
        return unitsBySegment;
    }
}
