/**
 * The directory of known interfaces and addresses, held by every instance:
 * {@link io.netpulse.topology.directory.DirectoryFlow} builds it from the inventory and the counters,
 * {@link io.netpulse.topology.directory.Directory} reads it.
 */
package io.netpulse.topology.directory;
