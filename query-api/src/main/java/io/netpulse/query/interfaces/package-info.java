/**
 * The Get Interface Metrics API and the interface list: {@link io.netpulse.query.interfaces.InterfaceMetricsService}.
 */
package io.netpulse.query.interfaces;
