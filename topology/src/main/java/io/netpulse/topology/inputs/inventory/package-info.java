/**
 * The inventory (interfaces to sites, addresses to accounts and servers) and the directory built from it, held
 * by every instance: {@link io.netpulse.topology.inputs.inventory.DirectoryFlow} builds it from the inventory and
 * the counters, {@link io.netpulse.topology.inputs.inventory.Directory} reads it.
 */
package io.netpulse.topology.inputs.inventory;
