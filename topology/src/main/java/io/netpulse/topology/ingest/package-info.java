/**
 * How input topics enter the topology: parsers of each format and {@link io.netpulse.topology.ingest.Ingest},
 * which routes what they reject to the dead-letter topic. Third-party exporters have their own sub-packages
 * ({@code telegraf}, {@code goflow2}).
 */
package io.netpulse.topology.ingest;
