package io.netpulse.app;

/**
 * Where the HTTP server of the APIs listens.
 *
 * @param host address to bind
 * @param port port to bind
 */
public record HttpConfig(String host, int port) {

    static HttpConfig read(ConfigSource source) {
        return new HttpConfig(source.get(ConfigKey.HTTP_HOST), source.get(ConfigKey.HTTP_PORT));
    }
}
