package io.leaderlens.events;

/**
 * Something that happened at a time and can be seen as happening at another: how an ordered stage applies an
 * input that reached it after a later one (at that later time), and gives what it emitted for it its own time back.
 */
public interface Retimable<T> {
    /** The same, at {@code time}. */
    T at(long time);
}
