package io.netpulse.query.ip;

import io.netpulse.query.error.Problem;
import io.netpulse.schema.inventory.AddressEntry;
import io.netpulse.topology.IpAddresses;
import io.netpulse.topology.inputs.inventory.Directory;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An IP address of a dedicated server of an account, as the inventory has it. Resolving the request's path
 * against the directory is one lookup when the address does belong to the server; only a miss scans the small
 * account and server index ({@link Directory#hasAccount}, {@link Directory#hasServer}) to say which part of the path
 * does not exist.
 *
 * @param accountId     the account
 * @param serverId      the dedicated server
 * @param address       the address, normalized (the key of the statistics)
 * @param serverCreated the day the server was created: no statistics are asked for before it
 */
public record ServerAddress(String accountId, String serverId, String address, LocalDate serverCreated) {

    /**
     * The address {@code addressText} of server {@code serverId} of account {@code accountId}.
     *
     * @throws Problem.NotFound 404 when the account or the server does not exist, or the address is not one of
     *                            the server's (text that is not an IP address is no server's address)
     */
    public static ServerAddress resolve(Directory directory, String accountId, String serverId, String addressText) {
        Optional<String> address = IpAddresses.normalize(addressText);
        Optional<AddressEntry> entry = address.flatMap(directory::address)
                .filter(found -> found.getAccountId().equals(accountId) && found.getServerId().equals(serverId));
        if (entry.isPresent()) {
            return new ServerAddress(accountId, serverId, address.get(), entry.get().getServerCreated());
        }
        if (!directory.hasAccount(accountId)) {
            throw new Problem.NotFound("Account " + accountId + " does not exist.");
        }
        if (!directory.hasServer(accountId, serverId)) {
            throw new Problem.NotFound("Dedicated server " + serverId + " does not exist in account "
                    + accountId + ".");
        }
        throw new Problem.NotFound("IP address " + address.orElse(addressText)
                + " does not belong to dedicated server " + serverId + ".");
    }
}
