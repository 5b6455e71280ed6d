package io.leaderlens.events.codec;

/** Bytes or text that are not a valid platform event; the message is the reason a dead letter carries. */
public final class EventDecodingException extends Exception {
    public EventDecodingException(String reason) {
        super(reason);
    }

    public EventDecodingException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
