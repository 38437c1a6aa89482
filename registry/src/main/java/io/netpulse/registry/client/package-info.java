/**
 * The client of any registry that serves Confluent's REST API;
 * {@link io.netpulse.registry.client.HttpSchemaRegistryClient}.
 */
package io.netpulse.registry.client;
