/**
 * Interactive queries across instances: {@link io.netpulse.query.iq.KeyLocator} finds which instance holds a
 * key, {@link io.netpulse.query.iq.LocalStores} reads this instance's stores, and
 * {@link io.netpulse.query.iq.RemoteQueryClient} asks another instance.
 */
package io.netpulse.query.iq;
