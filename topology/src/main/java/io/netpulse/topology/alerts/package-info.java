/**
 * Alerts from the stream (interface utilization, silent sources, per-IP spikes) to {@code netpulse.alerts} and a
 * queryable store: {@link io.netpulse.topology.alerts.AlertsFlow}.
 */
package io.netpulse.topology.alerts;
