package io.netpulse.topology.ip;

import io.netpulse.schema.aggregate.IpTrafficSample;

/**
 * A base sample of one address as it closed, for aggregates downstream of the per-IP statistics (the spike
 * alerts). A sample that changes after it closed comes again with its new bytes.
 *
 * @param startMillis start of the sample, inclusive
 * @param endMillis   end of the sample, exclusive
 * @param bytes       what the address received and transmitted in it
 */
public record IpClosedSample(long startMillis, long endMillis, IpTrafficSample bytes) {

    /** Received plus transmitted bytes. */
    public long totalBytes() {
        return bytes.getReceived() + bytes.getTransmitted();
    }
}
