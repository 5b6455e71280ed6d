package io.leaderlens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrinoTest {
    private static final Trino.Result RESULT = new Trino.Result(List.of("city", "net_gmv_yuan"),
            List.of(List.of("hangzhou", "146.28"), Arrays.asList("a, \"b\"", null)));

    @Test
    void formatsAnAlignedTable() {
        assertThat(Trino.format(RESULT, false)).isEqualTo("""
                city     | net_gmv_yuan
                ---------+-------------
                hangzhou | 146.28      
                a, "b"   | null        
                (2 rows)
                """);
    }

    @Test
    void formatsCsvWithQuoting() {
        assertThat(Trino.format(RESULT, true)).isEqualTo("city,net_gmv_yuan\nhangzhou,146.28\n\"a, \"\"b\"\"\",\n");
    }

    @Test
    void bundledViewsAreSplitIntoStatementsWithoutComments() {
        List<String> statements = Trino.statements("/io/leaderlens/stack/views/ops.sql");
        assertThat(statements).hasSize(6).allSatisfy(s -> assertThat(s).startsWith("CREATE OR REPLACE VIEW iceberg.leaderlens."));
    }

    @Test
    void theConsoleViewsAreBoundToThePlatformsTimeZone() {
        List<String> statements = Trino.statements("/io/leaderlens/stack/views/console.sql");
        String hourly = statements.stream().filter(s -> s.contains("v_gmv_hourly AS")).findFirst().orElseThrow();
        assertThat(Trino.bind(hourly, java.util.Map.of("timezone", "Asia/Shanghai")))
                .contains("hour(at_timezone(period_start, 'Asia/Shanghai'))").doesNotContain("{{");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Trino.bind(hourly, java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names a value it was not given");
    }
}
