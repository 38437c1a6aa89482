package io.netpulse.registry.serde;

import org.apache.avro.Schema;

/**
 * The two calls of the Confluent Schema Registry REST API that the Confluent wire format needs. Implemented over
 * HTTP for any Confluent-compatible registry, and in memory for the embedded default and tests.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with global id {@code id}. */
    Schema schemaById(int id);
}
