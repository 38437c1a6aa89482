/**
 * The dedicated-server traffic statistics API (seed 003): {@link io.netpulse.query.ip.IpTrafficService} answers the
 * hourly and daily statistics of an inventory IP address in the seed's JSON or as CSV.
 */
package io.netpulse.query.ip;
