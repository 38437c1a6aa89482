package io.netpulse.topology.sites;

import io.netpulse.schema.inventory.InterfaceEntry;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the inventory says about one interface's site, from a given time on: the value of the versioned
 * interface-to-site table ({@link io.netpulse.topology.StoreNames#SITE_INTERFACE_HISTORY}).
 *
 * @param interfaceId the inventory id of the interface (which entry claims this device|ifIndex)
 * @param siteId      the site it belongs to, null when it belongs to none
 * @param counted     whether its traffic counts in the site's volume (false for interfaces whose traffic an
 *                    uplink of the same site already counts)
 */
public record SiteMembership(UUID interfaceId, UUID siteId, boolean counted) {

    private static final byte VERSION = 1;
    private static final int HAS_SITE = 1;
    private static final int COUNTED = 2;

    public SiteMembership {
        Objects.requireNonNull(interfaceId, "interfaceId");
    }

    /** The membership an inventory interface entry states (its ids are already normalized by the parser). */
    public static SiteMembership of(InterfaceEntry entry) {
        return new SiteMembership(UUID.fromString(entry.getInterfaceId()),
                entry.getSiteId() == null ? null : UUID.fromString(entry.getSiteId()),
                entry.getCountInSiteVolume());
    }

    /** Compact serde: version, flags, the interface id and the site id when there is one (18 or 34 bytes). */
    public static Serde<SiteMembership> serde() {
        Serializer<SiteMembership> serializer = (topic, membership) -> {
            if (membership == null) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate(membership.siteId == null ? 18 : 34)
                    .put(VERSION)
                    .put((byte) ((membership.siteId == null ? 0 : HAS_SITE) | (membership.counted ? COUNTED : 0)))
                    .putLong(membership.interfaceId.getMostSignificantBits())
                    .putLong(membership.interfaceId.getLeastSignificantBits());
            if (membership.siteId != null) {
                out.putLong(membership.siteId.getMostSignificantBits())
                        .putLong(membership.siteId.getLeastSignificantBits());
            }
            return out.array();
        };
        Deserializer<SiteMembership> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(data);
            if (data.length < 18 || in.get() != VERSION) {
                throw new SerializationException("not a SiteMembership: " + data.length + " bytes");
            }
            int flags = in.get();
            UUID interfaceId = new UUID(in.getLong(), in.getLong());
            boolean hasSite = (flags & HAS_SITE) != 0;
            if (data.length != (hasSite ? 34 : 18)) {
                throw new SerializationException("not a SiteMembership: " + data.length + " bytes");
            }
            UUID siteId = hasSite ? new UUID(in.getLong(), in.getLong()) : null;
            return new SiteMembership(interfaceId, siteId, (flags & COUNTED) != 0);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
