package io.netpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static member id survives restarts with the state directory: configured, or derived once from the advertised
 * address and kept.
 */
class StaticMembershipTest {

    @TempDir
    Path stateDir;

    @Test
    void withoutAConfiguredIdTheAdvertisedAddressIsTheIdAndItIsKeptInTheStateDirectory() throws IOException {
        String id = StaticMembership.resolve(Optional.empty(), new HostInfo("netpulse-1.example.net", 8080), stateDir);

        assertThat(id).isEqualTo("netpulse-1.example.net-8080");
        assertThat(Files.readString(stateDir.resolve("instance.id")).trim()).isEqualTo("netpulse-1.example.net-8080");
    }

    @Test
    void theKeptIdWinsOverALaterAdvertisedAddress() {
        StaticMembership.resolve(Optional.empty(), new HostInfo("10.0.0.7", 8080), stateDir);

        String id = StaticMembership.resolve(Optional.empty(), new HostInfo("10.0.0.9", 8081), stateDir);

        assertThat(id).isEqualTo("10.0.0.7-8080");
    }

    @Test
    void aConfiguredIdWinsAndReplacesTheKeptOne() throws IOException {
        StaticMembership.resolve(Optional.empty(), new HostInfo("10.0.0.7", 8080), stateDir);

        String id = StaticMembership.resolve(Optional.of("netpulse-eu-1"), new HostInfo("10.0.0.7", 8080), stateDir);

        assertThat(id).isEqualTo("netpulse-eu-1");
        assertThat(Files.readString(stateDir.resolve("instance.id")).trim()).isEqualTo("netpulse-eu-1");
    }

    @Test
    void anUnreadableKeptIdIsReplacedByTheDerivedOne() throws IOException {
        Files.writeString(stateDir.resolve("instance.id"), "not an id\n");

        String id = StaticMembership.resolve(Optional.empty(), new HostInfo("10.0.0.7", 8080), stateDir);

        assertThat(id).isEqualTo("10.0.0.7-8080");
    }

    @Test
    void localhostIsReplacedByTheHostNameAndRefusedCharactersByUnderscores() {
        assertThat(StaticMembership.derive(new HostInfo("localhost", 8080), "edge-vm-3")).isEqualTo("edge-vm-3-8080");
        assertThat(StaticMembership.derive(new HostInfo("[2001:db8::7]", 8080), "edge-vm-3"))
                .isEqualTo("_2001_db8__7_-8080");
        assertThat(StaticMembership.isValid("_2001_db8__7_-8080")).isTrue();
        assertThat(StaticMembership.isValid("np 1")).isFalse();
    }
}
