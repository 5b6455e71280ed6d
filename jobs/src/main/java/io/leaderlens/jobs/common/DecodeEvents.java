package io.leaderlens.jobs.common;

import io.leaderlens.events.EventValidator;
import io.leaderlens.events.PlatformEvent;
import io.leaderlens.events.codec.BinaryEventCodec;
import io.leaderlens.events.codec.EventDecodingException;
import io.leaderlens.privacy.EventPseudonyms;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes and validates Kafka payloads, and pseudonymises the identifiers of what is valid before anything else
 * sees it; anything unusable leaves as a dead letter with its reason.
 */
public final class DecodeEvents extends ProcessFunction<RawRecord, PlatformEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final EventPseudonyms pseudonyms;
    private transient BinaryEventCodec codec;
    private transient EventValidator validator;

    public DecodeEvents(EventPseudonyms pseudonyms) {
        this.pseudonyms = java.util.Objects.requireNonNull(pseudonyms, "pseudonyms");
    }

    @Override
    public void open(OpenContext context) {
        codec = new BinaryEventCodec();
        validator = new EventValidator();
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<PlatformEvent> out) {
        try {
            PlatformEvent event = codec.decode(raw.value());
            Optional<String> violation = validator.violation(event);
            if (violation.isPresent()) {
                ctx.output(DEAD_LETTERS, deadLetter(raw, violation.get(), ctx));
            } else {
                out.collect(pseudonyms.apply(event));
            }
        } catch (EventDecodingException e) {
            ctx.output(DEAD_LETTERS, deadLetter(raw, e.getMessage(), ctx));
        }
    }

    private static DeadLetter deadLetter(RawRecord raw, String reason, Context ctx) {
        return DeadLetter.of(raw.topic(), raw.partition(), raw.offset(), ctx.timerService().currentProcessingTime(),
                reason, raw.value());
    }
}
