/**
 * Avro serdes in the Confluent wire format and the registry clients behind them;
 * {@link io.netpulse.topology.serde.AvroSerdes} makes them.
 */
package io.netpulse.topology.serde;
