/**
 * Top talkers per source device and per site: the busiest source and destination addresses by bytes and by
 * packets, kept per minute and hour as bounded lists ({@link io.netpulse.topology.toptalkers.TopTalkersFlow}).
 */
package io.netpulse.topology.toptalkers;
