package io.leaderlens.jobs.common;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Input that could not be used, with the reason and where it is: the bytes themselves stay in the input topic (for
 * its retention) and are named here by their SHA-256, because input that failed to decode cannot be pseudonymised and
 * may hold raw device ids, IPs or payment accounts (docs/privacy.md).
 *
 * @param source where it came from, e.g. the Kafka topic
 * @param partition the Kafka partition, -1 for input refused after decoding
 * @param offset the Kafka offset, -1 for input refused after decoding
 * @param payloadSha256 hex SHA-256 of the bytes as received, to tell identical bad records apart from distinct ones
 * @param payloadBytes how many bytes were received
 */
public record DeadLetter(String source, int partition, long offset, long receivedAt, String reason, String payloadSha256,
                         int payloadBytes) {
    public DeadLetter {
        requireNonNull(source, "source");
        requireNonNull(reason, "reason");
        requireNonNull(payloadSha256, "payloadSha256");
    }

    public static DeadLetter of(String source, int partition, long offset, long receivedAt, String reason, byte[] payload) {
        return new DeadLetter(source, partition, offset, receivedAt, reason, sha256(payload), payload.length);
    }

    static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
