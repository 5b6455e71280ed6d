package io.leaderlens.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** One line per thing that happened, with the time, on stderr (stdout stays for results). */
final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {}

    static void info(String message) {
        System.err.println(LocalTime.now().format(TIME) + " " + message);
    }
}
