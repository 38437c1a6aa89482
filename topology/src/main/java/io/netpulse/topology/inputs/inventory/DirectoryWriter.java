package io.netpulse.topology.inputs.inventory;

import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Writes the directory topic into the global store, as a global table would (an entry with its record's timestamp,
 * a null entry deletes), and counts each write, before and after it, in the instance's {@link DirectoryVersion}. It
 * runs on the global thread, for new records and for those read again when the store is rebuilt.
 */
final class DirectoryWriter implements Processor<String, InventoryEntry, Void, Void> {

    private final DirectoryVersion version;
    private TimestampedKeyValueStore<String, InventoryEntry> store;

    DirectoryWriter(DirectoryVersion version) {
        this.version = version;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(StoreNames.DIRECTORY);
    }

    @Override
    public void process(Record<String, InventoryEntry> record) {
        if (record.key() == null) {
            return;
        }
        version.writing();
        try {
            store.put(record.key(), record.value() == null ? null
                    : ValueAndTimestamp.make(record.value(), record.timestamp()));
        } finally {
            version.written();
        }
    }
}
