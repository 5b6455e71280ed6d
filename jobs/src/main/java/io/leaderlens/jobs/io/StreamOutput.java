package io.leaderlens.jobs.io;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where a job sends one of its results. Production wires Iceberg tables and Kafka topics; tests wire
 * collecting sinks. Kept as an interface so a job reads source → transformations → outputs.
 */
@FunctionalInterface
public interface StreamOutput<T> {
    void attach(DataStream<T> stream);
}
