/**
 * How input topics enter the topology: parsers of each format and {@link io.netpulse.topology.ingest.Ingest},
 * which routes what they reject to the dead-letter topic.
 */
package io.netpulse.topology.ingest;
