package io.netpulse.topology.inputs.inventory;

import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.schema.inventory.InventoryEntry;
import io.netpulse.topology.InterfaceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reads the directory: the global table every instance holds, built from the inventory and from the interfaces
 * seen in counters. Its keys:
 * <ul>
 *   <li>{@code interface:<uuid>}: an interface the inventory names, or one seen only in counters under its
 *       derived id ({@link InterfaceKey#derivedId()}); the value's interfaceId is the uuid;</li>
 *   <li>{@code key:<device>|<ifIndex>}: the inventory entry naming that interface, so the counter path finds the
 *       inventory speed without knowing the inventory id. It is trusted only while {@code interface:<its id>}
 *       still names the same device and ifIndex, so a moved or deleted interface never leaves a stale answer;</li>
 *   <li>{@code ip:<address>}: an address entry, the address in the canonical text of
 *       {@link io.netpulse.topology.IpAddresses}.</li>
 *   <li>{@code server:<accountId>|<serverId>|<address>}: the same address entry again, so that whether an account
 *       or a dedicated server exists is answered by a short range scan ({@link #hasAccount}, {@link #hasServer})
 *       instead of reading every address. Ids are written with {@code %} and {@code |} escaped. Like the
 *       {@code key:} index, an entry is trusted only while {@code ip:<address>} still names that account and
 *       server, so a moved or deleted address never counts.</li>
 * </ul>
 */
public final class Directory {

    /** Prefix of interface entries. */
    public static final String INTERFACE = InventoryRecord.INTERFACE;
    /** Prefix of the device|ifIndex index. */
    public static final String BY_KEY = "key:";
    /** Prefix of address entries. */
    public static final String ADDRESS = InventoryRecord.ADDRESS;
    /** Prefix of the account|server|address index. */
    public static final String BY_SERVER = "server:";

    private final ReadOnlyKeyValueStore<String, ?> store;

    private Directory(ReadOnlyKeyValueStore<String, ?> store) {
        this.store = store;
    }

    /**
     * A directory over the {@link io.netpulse.topology.StoreNames#DIRECTORY} store, as a processor sees it (values
     * with their timestamps) or as interactive queries see it (plain values).
     */
    public static Directory of(ReadOnlyKeyValueStore<String, ?> store) {
        return new Directory(store);
    }

    /** The key of the entry for interface {@code id}. */
    public static String interfaceKey(UUID id) {
        return INTERFACE + id;
    }

    /** The key of the index entry for {@code key}. */
    public static String indexKey(InterfaceKey key) {
        return BY_KEY + key.asString();
    }

    /** The key of the entry for an address in canonical text. */
    public static String addressKey(String canonicalAddress) {
        return ADDRESS + canonicalAddress;
    }

    /** The key of the index entry of an address under its account and dedicated server. */
    public static String serverIndexKey(AddressEntry entry) {
        return serverPrefix(entry.getAccountId(), entry.getServerId()) + entry.getAddress();
    }

    /** The interface known under {@code id} (from the inventory or derived from counters), if any. */
    public Optional<InterfaceEntry> interfaceById(UUID id) {
        return interfaceEntry(get(interfaceKey(id)));
    }

    /** The inventory's entry for the interface {@code key}, while the inventory still names it so. */
    public Optional<InterfaceEntry> inventoryEntryOf(InterfaceKey key) {
        return interfaceEntry(get(indexKey(key)))
                .filter(indexed -> interfaceById(UUID.fromString(indexed.getInterfaceId()))
                        .filter(current -> current.getDevice().equals(key.device())
                                && current.getIfIndex() == key.ifIndex())
                        .isPresent());
    }

    /** The id to publish for {@code key}: the inventory's when it names the interface, else the derived one. */
    public UUID idOf(InterfaceKey key) {
        return inventoryEntryOf(key).map(entry -> UUID.fromString(entry.getInterfaceId())).orElse(key.derivedId());
    }

    /**
     * The one site the inventory puts {@code device}'s interfaces in: empty when none of its interfaces has a site,
     * or when they are in several. Reads the device's {@code key:} index entries (a range scan), each trusted only
     * while its interface entry still names that device and ifIndex.
     */
    public Optional<String> siteOfDevice(String device) {
        String prefix = BY_KEY + device + '|';
        // '}' follows '|', and a device holds no '|' before its ifIndex: the range is exactly the device's keys.
        String end = BY_KEY + device + '}';
        String site = null;
        try (KeyValueIterator<String, ?> entries = store.range(prefix, end)) {
            while (entries.hasNext()) {
                var entry = entries.next();
                Optional<String> siteId;
                try {
                    siteId = inventoryEntryOf(InterfaceKey.parse(entry.key.substring(BY_KEY.length())))
                            .map(InterfaceEntry::getSiteId);
                } catch (IllegalArgumentException notAnIndexKey) {
                    continue;
                }
                if (siteId.isEmpty()) {
                    continue;
                }
                if (site != null && !site.equals(siteId.get())) {
                    return Optional.empty();
                }
                site = siteId.get();
            }
        }
        return Optional.ofNullable(site);
    }

    /** The entry of an address in canonical text, if the inventory has one. */
    public Optional<AddressEntry> address(String canonicalAddress) {
        InventoryEntry entry = get(addressKey(canonicalAddress));
        return entry != null && entry.getEntry() instanceof AddressEntry address ? Optional.of(address)
                : Optional.empty();
    }

    /** The canonical text of every address entry, in key order: a scan of all of them. */
    public void forEachAddress(Consumer<String> action) {
        // ';' follows ':', so the range holds exactly the keys starting with "ip:".
        try (KeyValueIterator<String, ?> entries = store.range(ADDRESS, "ip;")) {
            entries.forEachRemaining(entry -> action.accept(entry.key.substring(ADDRESS.length())));
        }
    }

    /** About how many entries of every kind the directory holds (RocksDB's estimate). */
    public long approximateEntries() {
        return store.approximateNumEntries();
    }

    /** Whether any address of the inventory belongs to account {@code accountId}. */
    public boolean hasAccount(String accountId) {
        String prefix = BY_SERVER + escape(accountId) + '|';
        return anyAddressIn(prefix, entry -> entry.getAccountId().equals(accountId));
    }

    /** Whether any address of the inventory belongs to server {@code serverId} of account {@code accountId}. */
    public boolean hasServer(String accountId, String serverId) {
        return anyAddressIn(serverPrefix(accountId, serverId), entry -> entry.getAccountId().equals(accountId)
                && entry.getServerId().equals(serverId));
    }

    private boolean anyAddressIn(String prefix, Predicate<AddressEntry> stillThere) {
        // '}' follows '|', and escaped ids hold no '|': the range is exactly the keys starting with the prefix.
        String end = prefix.substring(0, prefix.length() - 1) + '}';
        try (KeyValueIterator<String, ?> entries = store.range(prefix, end)) {
            while (entries.hasNext()) {
                InventoryEntry indexed = unwrap(entries.next().value);
                if (indexed != null && indexed.getEntry() instanceof AddressEntry candidate
                        && address(candidate.getAddress()).filter(stillThere).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String serverPrefix(String accountId, String serverId) {
        return BY_SERVER + escape(accountId) + '|' + escape(serverId) + '|';
    }

    private static String escape(String id) {
        return id.replace("%", "%25").replace("|", "%7C");
    }

    /**
     * Every interface entry, inventory and derived ones, in key order. The whole directory is read: callers page
     * or filter the result.
     */
    public List<InterfaceEntry> interfaces() {
        List<InterfaceEntry> interfaces = new ArrayList<>();
        // ';' follows ':', so the range holds exactly the keys starting with "interface:".
        try (KeyValueIterator<String, ?> entries = store.range(INTERFACE, "interface;")) {
            entries.forEachRemaining(entry -> interfaceEntry(unwrap(entry.value)).ifPresent(interfaces::add));
        }
        return interfaces;
    }

    /** Whether {@code entry} is an interface known only from counters, under its derived id. */
    public static boolean isDerived(InterfaceEntry entry) {
        return new InterfaceKey(entry.getDevice(), entry.getIfIndex()).derivedId().toString()
                .equals(entry.getInterfaceId());
    }

    private InventoryEntry get(String key) {
        return unwrap(store.get(key));
    }

    private static InventoryEntry unwrap(Object value) {
        return (InventoryEntry) (value instanceof ValueAndTimestamp<?> timestamped ? timestamped.value() : value);
    }

    /** The interface an entry holds, if it holds one. */
    public static Optional<InterfaceEntry> interfaceEntry(InventoryEntry entry) {
        return entry != null && entry.getEntry() instanceof InterfaceEntry found ? Optional.of(found)
                : Optional.empty();
    }
}
