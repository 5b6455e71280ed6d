package io.leaderlens.events.lines;

/** A line of a JSON-lines input that cannot be used; the message is the reason it was set aside. */
public final class InvalidLineException extends Exception {
    public InvalidLineException(String reason) {
        super(reason);
    }
}
