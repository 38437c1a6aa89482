/**
 * Per-interface bit rates from SNMP octet counters: {@link io.netpulse.topology.rates.CounterSamples} brings the
 * samples in, {@link io.netpulse.topology.rates.CounterDelta} turns two polls into an interval (wraps, reboots,
 * resets, gaps), {@link io.netpulse.topology.rates.MinuteSpread} spreads it over minutes, and
 * {@link io.netpulse.topology.rates.InterfaceRateFlow} keeps the minute and hour rates.
 */
package io.netpulse.topology.rates;
