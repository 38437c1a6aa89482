package io.netpulse.topology.sites;

import io.netpulse.schema.inventory.InterfaceEntry;
import io.netpulse.topology.InterfaceKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;

/**
 * One change of the interface-to-site table, keyed by the {@link InterfaceKey} it concerns. The inventory is keyed
 * by interface id, the counters by device|ifIndex: an entry that moves to another device|ifIndex, or is deleted,
 * must take its old key out of the table, which only the previous entry of the id can say ({@link #between}).
 * A release names the id that lets go, so it cannot remove another entry that has claimed the key since.
 */
public sealed interface MembershipChange {

    /** An inventory entry states the site of {@code device|ifIndex}. */
    record Claim(SiteMembership membership) implements MembershipChange {
    }

    /** The entry {@code interfaceId} no longer names this {@code device|ifIndex}. */
    record Release(UUID interfaceId) implements MembershipChange {
    }

    /**
     * The changes that take the table from {@code previous} to {@code current}, two states of one inventory id.
     *
     * @param previous the id's last entry, null when it had none
     * @param current  its new entry, null when it was deleted
     */
    static List<KeyValue<InterfaceKey, MembershipChange>> between(InterfaceEntry previous, InterfaceEntry current) {
        if (previous == null) {
            return current == null ? List.of() : List.of(claim(current));
        }
        KeyValue<InterfaceKey, MembershipChange> release = KeyValue.pair(keyOf(previous),
                new Release(SiteMembership.of(previous).interfaceId()));
        if (current == null) {
            return List.of(release);
        }
        if (!keyOf(previous).equals(keyOf(current))) {
            return List.of(release, claim(current));
        }
        // Same place: a new version only when the site or the flag changed (a re-sent entry changes nothing).
        return SiteMembership.of(previous).equals(SiteMembership.of(current)) ? List.of() : List.of(claim(current));
    }

    private static KeyValue<InterfaceKey, MembershipChange> claim(InterfaceEntry entry) {
        return KeyValue.pair(keyOf(entry), new Claim(SiteMembership.of(entry)));
    }

    private static InterfaceKey keyOf(InterfaceEntry entry) {
        return new InterfaceKey(entry.getDevice(), entry.getIfIndex());
    }

    /** Serde of the repartition topic: a kind byte, then a {@link SiteMembership} or the released id. */
    static Serde<MembershipChange> serde() {
        byte claim = 1;
        byte release = 2;
        Serde<SiteMembership> memberships = SiteMembership.serde();
        Serializer<MembershipChange> serializer = (topic, change) -> switch (change) {
            case null -> null;
            case Claim c -> {
                byte[] membership = memberships.serializer().serialize(topic, c.membership());
                yield ByteBuffer.allocate(1 + membership.length).put(claim).put(membership).array();
            }
            case Release r -> ByteBuffer.allocate(17).put(release)
                    .putLong(r.interfaceId().getMostSignificantBits())
                    .putLong(r.interfaceId().getLeastSignificantBits()).array();
        };
        Deserializer<MembershipChange> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length > 1 && data[0] == claim) {
                return new Claim(memberships.deserializer().deserialize(topic, Arrays.copyOfRange(data, 1,
                        data.length)));
            }
            if (data.length == 17 && data[0] == release) {
                ByteBuffer in = ByteBuffer.wrap(data, 1, 16);
                return new Release(new UUID(in.getLong(), in.getLong()));
            }
            throw new SerializationException("not a MembershipChange: " + data.length + " bytes");
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
