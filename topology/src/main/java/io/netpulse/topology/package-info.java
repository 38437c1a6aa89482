/**
 * The netpulse Kafka Streams topology; {@link io.netpulse.topology.NetpulseTopology} builds it.
 */
package io.netpulse.topology;
