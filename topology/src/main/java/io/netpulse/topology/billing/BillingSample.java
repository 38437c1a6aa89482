package io.netpulse.topology.billing;

import java.time.Instant;

/**
 * The bytes of one 5-minute slot that has a sample.
 *
 * @param start    start of the slot
 * @param inBytes  inbound bytes (received, for an IP address)
 * @param outBytes outbound bytes (transmitted, for an IP address)
 */
public record BillingSample(Instant start, long inBytes, long outBytes) {
}
