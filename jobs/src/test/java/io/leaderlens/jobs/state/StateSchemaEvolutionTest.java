package io.leaderlens.jobs.state;

import static io.leaderlens.jobs.testing.TestEvents.orderOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaderlens.events.OrderEventType;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.features.FeaturePart;
import io.leaderlens.features.FeatureTime;
import io.leaderlens.features.MemberHistory;
import io.leaderlens.jobs.common.DropDuplicateEvents;
import io.leaderlens.jobs.fraudscoring.features.MemberStage;
import io.leaderlens.jobs.testing.Harnesses;
import io.leaderlens.jobs.testing.Harnesses.Backend;
import io.leaderlens.jobs.types.JobTypes;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.leaderlens.jobs.common.OrderedKeyedFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * State schema evolution: a savepoint written by a build whose {@link MemberHistory} did not have
 * {@code scannedAt} yet (the funnel features came later) restores into today's member stage. State classes are
 * POJOs, so Flink records their fields with the savepoint and fills a field it has not seen with the class's
 * default. The older build is reproduced exactly as Flink would have serialized it: a POJO serializer of the
 * same class without that field.
 */
class StateSchemaEvolutionTest {
    private static final long T0 = 200 * FeatureTime.DAY;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void memberStateFromBeforeTheClassGainedAFieldRestoresAndKeepsCounting(Backend backend) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        TypeSerializer<MemberHistory> today = JobTypes.of(MemberHistory.class).createSerializer(config);
        assertThat(today.snapshotConfiguration().resolveSchemaCompatibility(OlderMemberStage.olderSerializer().snapshotConfiguration())
                .isCompatibleAfterMigration()).as("Flink sees a schema change it can migrate").isTrue();

        OperatorSubtaskState savepoint;
        try (var older = Harnesses.keyed(new OlderMemberStage(), MemberHistory::keyOf, Types.STRING, backend)) {
            older.open();
            PlatformEvent paid = orderOn("e0", OrderEventType.PAID, "o0", "L1", "u1", 500, "d", "i", "p", null, T0);
            older.processElement(new StreamRecord<>(paid, T0));
            savepoint = older.snapshot(1, 1);
        }

        try (var current = Harnesses.keyed(new MemberStage(), MemberHistory::keyOf, Types.STRING, backend)) {
            current.initializeState(savepoint);
            current.open();
            PlatformEvent paid = orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 500, "d", "i", "p", null, T0 + FeatureTime.HOUR);
            current.processElement(new StreamRecord<>(paid, paid.eventTime()));
            current.processWatermark(paid.eventTime());
            FeaturePart part = current.extractOutputValues().get(0);
            assertThat(part.values()[1]).as("paid orders: three before the upgrade, one after").isEqualTo(4);
            assertThat(part.values()[0]).as("account age from the restored signup").isEqualTo(49.0);
            assertThat(part.values()[7]).as("scan to signup: the new field has its default (no scan known)").isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anInputWaitingOnItsTimerInASavepointFromBeforeTheIndexGoesThroughOnce(Backend backend) throws Exception {
        PlatformEvent paid = orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 500, "d", "i", "p", null, T0);
        OperatorSubtaskState savepoint;
        try (var older = Harnesses.keyed(new TimerPerInputMemberStage(), MemberHistory::keyOf, Types.STRING, backend)) {
            older.open();
            older.processElement(new StreamRecord<>(paid, T0));
            savepoint = older.snapshot(1, 1);
        }
        try (var current = Harnesses.keyed(new MemberStage(), MemberHistory::keyOf, Types.STRING, backend)) {
            current.initializeState(savepoint);
            current.open();
            assertThat(current.numEventTimeTimers()).as("the older build's timer came with the savepoint").isEqualTo(1);
            current.processWatermark(T0);
            assertThat(current.extractOutputValues()).as("applied from the index; the old timer then finds nothing due")
                    .singleElement().satisfies(part -> assertThat(part.values()[1]).isEqualTo(1));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void stateKeyedByFlinksStringSerializerRestoresUnderTheJobsKeyType(Backend backend) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        assertThat(JobTypes.keys().createSerializer(config).snapshotConfiguration()
                .resolveSchemaCompatibility(Types.STRING.createSerializer(config).snapshotConfiguration()).isCompatibleAsIs())
                .as("a key serializer cannot migrate: it must read the earlier keys as they are").isTrue();

        PlatformEvent first = orderOn("e0", OrderEventType.PAID, "o0", "L1", "u1", 500, "d", "i", "p", null, T0);
        OperatorSubtaskState members;
        OperatorSubtaskState seen;
        try (var older = Harnesses.keyed(new MemberStage(), MemberHistory::keyOf, Types.STRING, backend);
                var olderSeen = Harnesses.keyed(new DropDuplicateEvents(Duration.ofHours(1)), PlatformEvent::leaderId, Types.STRING, backend)) {
            older.open();
            older.processElement(new StreamRecord<>(first, T0));
            older.processWatermark(T0);
            members = older.snapshot(1, 1);
            olderSeen.open();
            olderSeen.processElement(new StreamRecord<>(first, T0));
            seen = olderSeen.snapshot(1, 1);
        }

        PlatformEvent second = orderOn("e1", OrderEventType.PAID, "o1", "L1", "u1", 500, "d", "i", "p", null, T0 + FeatureTime.HOUR);
        try (var current = Harnesses.keyed(new MemberStage(), MemberHistory::keyOf, JobTypes.keys(), backend)) {
            current.initializeState(members);
            current.open();
            current.processElement(new StreamRecord<>(second, second.eventTime()));
            current.processWatermark(second.eventTime());
            assertThat(current.extractOutputValues()).as("the member's history found under its restored key")
                    .last().satisfies(part -> assertThat(part.values()[1]).as("paid orders").isEqualTo(2));
        }
        try (var current = Harnesses.keyed(new DropDuplicateEvents(Duration.ofHours(1)), PlatformEvent::leaderId, JobTypes.keys(), backend)) {
            current.initializeState(seen);
            current.open();
            current.processElement(new StreamRecord<>(first, T0));
            assertThat(current.extractOutputValues()).as("the resend of an id seen before the restore").isEmpty();
            assertThat(current.numEventTimeTimers()).as("the leader's forget timer, its key read back").isEqualTo(1);
            current.processWatermark(T0 + 3 * FeatureTime.HOUR);
            assertThat(Harnesses.keysHolding(current, "seen-event-fingerprints", "seen-event-ids")).as("forgotten under the restored key").isZero();
            assertThat(current.numEventTimeTimers()).isZero();
        }
    }

    /** What the member stage kept before the index: the input waiting in the state, and an event-time timer for it. */
    static final class TimerPerInputMemberStage extends KeyedProcessFunction<String, PlatformEvent, Void> {
        private transient ValueState<OrderedKeyedFunction.Keyed<MemberStage.MemberState, PlatformEvent>> keyed;

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void open(OpenContext context) {
            keyed = getRuntimeContext().getState(new ValueStateDescriptor<>("keyed", (TypeInformation) Types.POJO(OrderedKeyedFunction.Keyed.class,
                    Map.of("history", JobTypes.of(MemberStage.MemberState.class), "waiting", Types.LIST(JobTypes.events()),
                            "waitingTimer", Types.LONG, "cleanupTimer", Types.LONG))));
        }

        @Override
        public void processElement(PlatformEvent event, Context ctx, Collector<Void> out) throws Exception {
            var k = new OrderedKeyedFunction.Keyed<MemberStage.MemberState, PlatformEvent>();
            k.waiting.add(event);
            k.waitingTimer = event.eventTime();
            ctx.timerService().registerEventTimeTimer(event.eventTime());
            keyed.update(k);
        }
    }

    /**
     * What an older member stage kept: the same state (one value per member: the history, waiting inputs, timers),
     * written by serializers whose MemberHistory had no {@code scannedAt}.
     */
    static final class OlderMemberStage extends KeyedProcessFunction<String, PlatformEvent, Void> {
        private transient ValueState<OrderedKeyedFunction.Keyed<MemberStage.MemberState, PlatformEvent>> keyed;

        @Override
        public void open(OpenContext context) {
            keyed = getRuntimeContext().getState(new ValueStateDescriptor<>("keyed", olderKeyedSerializer()));
        }

        @Override
        public void processElement(PlatformEvent event, Context ctx, Collector<Void> out) throws Exception {
            MemberHistory member = new MemberHistory();
            member.lastActivity = event.eventTime();
            member.signedUpAt = event.eventTime() - 48 * FeatureTime.HOUR;
            member.firstPaidAt = event.eventTime() - 47 * FeatureTime.HOUR;
            member.paidOrders = 3;
            MemberStage.MemberState state = new MemberStage.MemberState();
            state.member = member;
            var k = new OrderedKeyedFunction.Keyed<MemberStage.MemberState, PlatformEvent>();
            k.history = state;
            keyed.update(k);
        }

        /** The member stage's state serializer of that build: today's, but for MemberHistory without the field. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static TypeSerializer<OrderedKeyedFunction.Keyed<MemberStage.MemberState, PlatformEvent>> olderKeyedSerializer() {
            SerializerConfigImpl config = new SerializerConfigImpl();
            TypeSerializer<?> memberState = replacing((PojoTypeInfo<?>) JobTypes.of(MemberStage.MemberState.class), "member",
                    olderSerializer(), config);
            PojoTypeInfo<?> keyed = (PojoTypeInfo<?>) Types.POJO(OrderedKeyedFunction.Keyed.class, Map.of("history",
                    JobTypes.of(MemberStage.MemberState.class), "waiting", Types.LIST(JobTypes.events()), "waitingTimer", Types.LONG,
                    "cleanupTimer", Types.LONG));
            return (TypeSerializer) replacing(keyed, "history", memberState, config);
        }

        /** A POJO serializer of the type with one field's serializer replaced. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static TypeSerializer<?> replacing(PojoTypeInfo<?> type, String field, TypeSerializer<?> serializer,
                                                   SerializerConfigImpl config) {
            Field[] fields = new Field[type.getArity()];
            TypeSerializer<?>[] serializers = new TypeSerializer<?>[type.getArity()];
            for (int i = 0; i < type.getArity(); i++) {
                PojoField f = type.getPojoFieldAt(i);
                fields[i] = f.getField();
                serializers[i] = f.getField().getName().equals(field) ? serializer : f.getTypeInformation().createSerializer(config);
            }
            return new PojoSerializer(type.getTypeClass(), serializers, fields, config);
        }

        /** A POJO serializer of MemberHistory with every field it has today but {@code scannedAt}. */
        @SuppressWarnings("unchecked")
        private static TypeSerializer<MemberHistory> olderSerializer() {
            SerializerConfigImpl config = new SerializerConfigImpl();
            config.setGenericTypes(false);
            PojoTypeInfo<MemberHistory> today = (PojoTypeInfo<MemberHistory>) JobTypes.of(MemberHistory.class);
            List<Field> fields = new ArrayList<>();
            List<TypeSerializer<?>> serializers = new ArrayList<>();
            for (int i = 0; i < today.getArity(); i++) {
                PojoField field = today.getPojoFieldAt(i);
                if (!field.getField().getName().equals("scannedAt")) {
                    fields.add(field.getField());
                    serializers.add(field.getTypeInformation().createSerializer(config));
                }
            }
            return new PojoSerializer<>(MemberHistory.class, serializers.toArray(new TypeSerializer<?>[0]), fields.toArray(new Field[0]),
                    config);
        }
    }
}
