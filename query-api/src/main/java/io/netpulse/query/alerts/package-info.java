/**
 * {@code GET /alerts}: the active and recent alerts of every instance, scoped per rule:
 * {@link io.netpulse.query.alerts.AlertsService}.
 */
package io.netpulse.query.alerts;
