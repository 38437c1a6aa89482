/**
 * The embedded default's schema registry: Confluent's REST subset served under {@code /registry}, its
 * registrations kept in a compacted topic; {@link io.netpulse.app.registry.EmbeddedSchemaRegistry}.
 */
package io.netpulse.app.registry;
