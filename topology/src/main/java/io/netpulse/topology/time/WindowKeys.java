package io.netpulse.topology.time;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The keys an aggregate's window stores hold in a task, each with the first window it had, kept beside them so a
 * query over every key reads each key's own windows over its range: a window store is ordered by key first, so a
 * range over every key ({@code fetchAll}) scans whole segments (half the retention) of every key's windows, a cost
 * that grows with the history kept rather than the range asked. Per record one cached read; a write for a key's
 * first record only; about 50 bytes per key. A task that finds the list empty while {@code listedFrom} holds
 * windows (state written before the list existed) lists that store's keys first, once per opening, at its first
 * record or punctuation (stores are written with a record context only).
 */
public final class WindowKeys {

    private final KeyValueStore<String, Long> keys;
    private final ReadOnlyWindowStore<String, ?> listedFrom;
    private boolean checked;

    private WindowKeys(KeyValueStore<String, Long> keys, ReadOnlyWindowStore<String, ?> listedFrom) {
        this.keys = keys;
        this.listedFrom = listedFrom;
    }

    /** The store behind a list named {@code storeName}: key, first window start; cached and changelogged. */
    public static StoreBuilder<KeyValueStore<String, Long>> store(String storeName) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
                Serdes.Long()).withCachingEnabled();
    }

    /**
     * Opens the list kept in {@code storeName}.
     *
     * @param listedFrom the window store whose keys an empty list takes over (the one with the longest retention)
     */
    public static WindowKeys open(ProcessingContext context, String storeName,
                                  ReadOnlyWindowStore<String, ?> listedFrom) {
        return new WindowKeys(context.getStateStore(storeName), listedFrom);
    }

    /** Lists {@code key} with {@code windowStart} unless it is listed already. */
    public void note(String key, long windowStart) {
        check();
        if (keys.get(key) == null) {
            keys.put(key, windowStart);
        }
    }

    /** Takes over the keys of {@code listedFrom} when the list is empty; once per opening, then free. */
    public void check() {
        if (checked) {
            return;
        }
        checked = true;
        try (KeyValueIterator<String, Long> listed = keys.all()) {
            if (listed.hasNext()) {
                return;
            }
        }
        try (KeyValueIterator<Windowed<String>, ?> windows = listedFrom.all()) {
            while (windows.hasNext()) {
                Windowed<String> window = windows.next().key;
                if (keys.get(window.key()) == null) {
                    keys.put(window.key(), window.window().start());
                }
            }
        }
    }
}
