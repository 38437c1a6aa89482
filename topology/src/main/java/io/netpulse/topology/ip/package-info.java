/**
 * Per-IP traffic statistics of the inventory's addresses: {@link io.netpulse.topology.ip.IpTrafficFlow} keeps
 * base samples of received and transmitted bytes and rolls them up into hours and days.
 */
package io.netpulse.topology.ip;
