package io.netpulse.query.pipeline;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http1.Http1Config;
import io.netpulse.query.auth.Authenticator;
import java.util.List;

/**
 * The settings of a listener that serves the APIs, beyond its routes:
 * <ul>
 *   <li>HTTP/1.1 without Helidon's request-line validation: the seeds write repeated parameters with raw brackets
 *       ({@code site_ids[]=a&site_ids[]=b}, as {@code curl -g} and many clients send them), which it refuses with
 *       an empty 400; each API validates its own parameters, naming the offending one;</li>
 *   <li>HTTP/1.0 answered too ({@link Http10Connections});</li>
 *   <li>{@code TCP_NODELAY} on accepted connections: without it a small answer on a keep-alive connection waits
 *       for the client's delayed ACK (Nagle), about 40 ms per request;</li>
 *   <li>requests refused before routing answered in their API's shape ({@link DirectAnswers}).</li>
 * </ul>
 */
public final class ApiListener {

    private ApiListener() {
    }

    /** The HTTP/1.1 settings of an API listener. */
    public static Http1Config http1() {
        return Http1Config.builder().validatePath(false).validatePrologue(false).build();
    }

    /** Applies the settings to {@code listener}, for {@code apis} authenticated by {@code authenticator}. */
    public static void configure(ListenerConfig.BuilderBase<?, ?> listener, List<Api> apis,
                                 Authenticator authenticator) {
        Http1Config http1 = http1();
        DirectAnswers answers = new DirectAnswers(apis, authenticator);
        DirectHandlers.Builder direct = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            direct.addHandler(type, answers);
        }
        listener.addProtocol(http1);
        listener.addConnectionSelector(new Http10Connections(http1));
        listener.connectionOptions(SocketOptions.builder().tcpNoDelay(true).build());
        listener.directHandlers(direct.build());
    }
}
