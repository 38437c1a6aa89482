/**
 * Per-interface bit rates at minute and hour resolution, from the counters' intervals:
 * {@link io.netpulse.topology.rates.InterfaceRateFlow}.
 */
package io.netpulse.topology.rates;
