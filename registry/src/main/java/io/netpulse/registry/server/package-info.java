/**
 * The embedded default's schema registry: Confluent's REST API served under {@code /registry}, its state kept in a
 * compacted topic; {@link io.netpulse.registry.server.EmbeddedSchemaRegistry}.
 */
package io.netpulse.registry.server;
