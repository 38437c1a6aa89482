/**
 * Interactive queries across instances: {@link io.netpulse.query.iq.KeyLocator} finds which instance holds a
 * key, {@link io.netpulse.query.iq.LocalStores} reads this instance's stores,
 * {@link io.netpulse.query.iq.RemoteQueryClient} asks another instance, {@link io.netpulse.query.iq.FanOut} asks
 * them all, and {@link io.netpulse.query.iq.AssignmentGuard} keeps each query on one assignment so a rebalance
 * gives a 503, never a partial answer.
 */
package io.netpulse.query.iq;
