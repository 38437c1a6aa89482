/**
 * Per-site transferred volume: {@link io.netpulse.topology.sites.SiteVolumeFlow} attributes each counter interval
 * to its interface's site as the inventory stood at the poll time and keeps minute and hour site volumes.
 */
package io.netpulse.topology.sites;
