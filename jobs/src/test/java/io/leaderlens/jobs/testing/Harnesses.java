package io.leaderlens.jobs.testing;

import io.leaderlens.jobs.common.OrderedKeyedFunction;
import io.leaderlens.jobs.common.OrderedKeyedOperator;
import io.leaderlens.jobs.types.JobTypes;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Flink test harnesses for keyed functions, with generic (Kryo) types off as in every job. */
public final class Harnesses {
    private Harnesses() {}

    /** The state backends every stateful function is tested on: the local default and the cluster's. */
    public enum Backend { HASHMAP, ROCKSDB }

    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyed(KeyedProcessFunction<K, IN, OUT> function,
            KeySelector<IN, K> key, TypeInformation<K> keyType) throws Exception {
        return keyed(function, key, keyType, Backend.HASHMAP);
    }

    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyed(KeyedProcessFunction<K, IN, OUT> function,
            KeySelector<IN, K> key, TypeInformation<K> keyType, Backend backend) throws Exception {
        return keyed(new KeyedProcessOperator<>(function), key, keyType, backend);
    }

    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyed(OrderedKeyedFunction<K, IN, ?, OUT> function,
            KeySelector<IN, K> key, TypeInformation<K> keyType) throws Exception {
        return keyed(function, key, keyType, Backend.HASHMAP);
    }

    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyed(OrderedKeyedFunction<K, IN, ?, OUT> function,
            KeySelector<IN, K> key, TypeInformation<K> keyType, Backend backend) throws Exception {
        return keyed(function.operator(), key, keyType, backend);
    }

    /** How many keys an ordered function's operator still has indexed as waiting for the watermark. */
    public static int waitingKeys(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness) {
        return ((OrderedKeyedOperator<?, ?, ?, ?>) harness.getOperator()).indexedForTesting();
    }

    /** How many keys an ordered function's operator still has indexed for their end (an expiry the watermark has not passed). */
    public static int expiringKeys(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness) {
        return ((OrderedKeyedOperator<?, ?, ?, ?>) harness.getOperator()).expiringForTesting();
    }

    public static <K, IN, OUT> KeyedOneInputStreamOperatorTestHarness<K, IN, OUT> keyed(OneInputStreamOperator<IN, OUT> operator,
            KeySelector<IN, K> key, TypeInformation<K> keyType, Backend backend) throws Exception {
        JobTypes.events(); // registers leaderlens's type factories before the harness analyses types
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, key, keyType);
        ((SerializerConfigImpl) harness.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        if (backend == Backend.ROCKSDB) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return harness;
    }

    /**
     * How many keys still hold any of the named states (works on every backend, where the harness's own
     * entry count only works on the heap).
     */
    public static long keysHolding(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness, String... states) throws Exception {
        KeyedStateBackend<?> backend = ((AbstractStreamOperator<?>) harness.getOperator()).getKeyedStateBackend();
        long n = 0;
        for (String state : states) {
            try (var keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
                n += keys.count();
            }
        }
        return n;
    }
}
