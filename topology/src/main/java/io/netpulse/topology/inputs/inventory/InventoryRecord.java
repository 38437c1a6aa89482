package io.netpulse.topology.inputs.inventory;

import io.netpulse.schema.inventory.InventoryEntry;

/**
 * One valid inventory record, normalized: the key is {@code interface:<uuid>} (lower-case UUID) or
 * {@code ip:<address>} (canonical text), and the entry agrees with it.
 *
 * @param key   the normalized key
 * @param entry the entry, or null when the record deletes the key (a tombstone)
 */
public record InventoryRecord(String key, InventoryEntry entry) {

    /** Key prefix of an interface entry. */
    public static final String INTERFACE = "interface:";
    /** Key prefix of an address entry. */
    public static final String ADDRESS = "ip:";

    /** Whether the record deletes its key. */
    public boolean isDeletion() {
        return entry == null;
    }
}
