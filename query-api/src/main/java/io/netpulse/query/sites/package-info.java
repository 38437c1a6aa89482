/**
 * Get Data Transferred Volume (seed 001): {@link io.netpulse.query.sites.DataTransferredService} answers
 * {@code GET /metrics/dashboard/data-transferred} from the per-site minute and hour volume stores of
 * {@link io.netpulse.topology.sites.SiteVolumeFlow}, on whichever instances hold the sites asked for.
 */
package io.netpulse.query.sites;
