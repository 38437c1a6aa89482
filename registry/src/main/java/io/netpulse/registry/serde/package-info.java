/**
 * Avro serdes in the Confluent wire format, the one part of the registry module the topology uses;
 * {@link io.netpulse.registry.serde.AvroSerdes} makes them over any
 * {@link io.netpulse.registry.serde.SchemaRegistryClient}.
 */
package io.netpulse.registry.serde;
