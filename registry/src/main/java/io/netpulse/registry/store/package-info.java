/**
 * Confluent Schema Registry's rules held in memory: ids, versions, soft and permanent deletes, compatibility;
 * {@link io.netpulse.registry.store.InMemorySchemaRegistry}.
 */
package io.netpulse.registry.store;
