package io.leaderlens.models.smile;

import java.lang.reflect.Field;
import java.util.List;

/** What the compiled models share in laying Smile's trees out as arrays: reading its private fields, and the arrays. */
final class SmileLayout {
    private SmileLayout() {}

    /** A private field of Smile's (3.1.1), made readable. */
    static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
