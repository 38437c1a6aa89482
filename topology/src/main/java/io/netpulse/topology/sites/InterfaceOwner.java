package io.netpulse.topology.sites;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What {@link io.netpulse.topology.StoreNames#SITE_INTERFACE_OWNER} keeps per device|ifIndex. The owner lets a
 * release remove only the entry that still claims the key; the earliest claim ever seen outlives the release, so
 * that only the key's first version covers the time before it (and moves the volume read before it out of the
 * unassigned site, once), and a key named again gets no second one.
 *
 * @param interfaceId the inventory entry that claims the key now, null once it let go
 * @param firstClaim  the timestamp of the earliest claim of the key read so far
 */
record InterfaceOwner(UUID interfaceId, Instant firstClaim) {

    private static final byte VERSION = 1;
    private static final int HAS_OWNER = 1;
    /** Length of the owner UUID as text: the whole value before first claims were kept. */
    private static final int UUID_TEXT = 36;

    InterfaceOwner {
        Objects.requireNonNull(firstClaim, "firstClaim");
    }

    /**
     * Version, flags, the owner when there is one, the first claim in epoch milliseconds (10 or 26 bytes). A
     * value written before first claims were kept (the owner's UUID as text) reads as claimed at the epoch:
     * its earliest version is in the table already, and no later claim is earlier.
     */
    static Serde<InterfaceOwner> serde() {
        Serializer<InterfaceOwner> serializer = (topic, owner) -> {
            if (owner == null) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate(owner.interfaceId == null ? 10 : 26)
                    .put(VERSION)
                    .put((byte) (owner.interfaceId == null ? 0 : HAS_OWNER));
            if (owner.interfaceId != null) {
                out.putLong(owner.interfaceId.getMostSignificantBits())
                        .putLong(owner.interfaceId.getLeastSignificantBits());
            }
            return out.putLong(owner.firstClaim.toEpochMilli()).array();
        };
        Deserializer<InterfaceOwner> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length == UUID_TEXT) {
                return new InterfaceOwner(UUID.fromString(new String(data, StandardCharsets.US_ASCII)), Instant.EPOCH);
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            if (data.length < 10 || in.get() != VERSION) {
                throw new SerializationException("not an interface owner: " + data.length + " bytes");
            }
            boolean hasOwner = (in.get() & HAS_OWNER) != 0;
            if (data.length != (hasOwner ? 26 : 10)) {
                throw new SerializationException("not an interface owner: " + data.length + " bytes");
            }
            UUID interfaceId = hasOwner ? new UUID(in.getLong(), in.getLong()) : null;
            return new InterfaceOwner(interfaceId, Instant.ofEpochMilli(in.getLong()));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
