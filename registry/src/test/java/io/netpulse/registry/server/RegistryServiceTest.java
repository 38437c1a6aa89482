package io.netpulse.registry.server;

import static io.netpulse.registry.TestSchemas.PING_JSON;
import static io.netpulse.registry.TestSchemas.quoted;
import static io.netpulse.registry.server.RegistryHttp.error;
import static io.netpulse.registry.server.RegistryHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.netpulse.registry.serde.SchemaRegistryException;
import io.netpulse.registry.store.CompatibilityLevel;
import io.netpulse.registry.store.InMemorySchemaRegistry.Change;
import io.netpulse.registry.store.InMemorySchemaRegistry.Deleted;
import io.netpulse.registry.store.InMemorySchemaRegistry;
import io.netpulse.testkit.HttpAnswer;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a request can get wrong before Confluent's rules apply (a body that is no registration, another schema type,
 * a schema Avro cannot parse, a body over the limit), a store that fails, and writes its {@code mayWrite} refuses.
 */
class RegistryServiceTest {

    static final HeaderName ROLE = HeaderNames.create("X-Role");

    /** Writes to subject "broken-value" fail as they would if the schema topic were down. */
    final InMemorySchemaRegistry store = new InMemorySchemaRegistry(change -> {
        if (change instanceof Change.VersionWritten written
                && written.version().subject().equals("broken-value")) {
            throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
                    "Error while writing to the Kafka store: broker down");
        }
    });
    /** Writes from requests that name a role other than "operator" are refused, as OperatorAccess refuses them. */
    final Predicate<ServerRequest> mayWrite = request -> request.headers().first(ROLE).orElse("operator")
            .equals("operator");
    final RegistryHttp http = new RegistryHttp(new RegistryService(store, mayWrite));

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void aRequestThatIsNoRegistrationIs42201() {
        assertThat(http.send(http.request("/subjects/pings-value/versions").POST(HttpRequest.BodyPublishers.noBody())))
                .isEqualTo(error(422, 42201, "Invalid schema: the request has no body"));
        assertThat(http.post("/subjects/pings-value/versions", "schema=ping"))
                .isEqualTo(error(422, 42201, "Invalid schema: the body is not JSON"));
        for (String body : List.of("{}", "[]", "{\"schema\": {\"type\": \"string\"}}")) {
            assertThat(http.post("/subjects/pings-value/versions", body))
                    .isEqualTo(error(422, 42201, "Invalid schema: the body has no \"schema\" string"));
        }
        assertThat(store.subjects(Deleted.INCLUDED)).isEmpty();
    }

    @Test
    void aSchemaAvroCannotParseIs42201WithConfluentsMessageAndAvrosReason() {
        String undefinedType =
                "{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[{\"name\":\"device\",\"type\":\"nope\"}]}";

        assertThat(http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(undefinedType) + "}"))
                .isEqualTo(error(422, 42201, "Invalid schema {subject=pings-value,version=0,id=-1,schemaType=AVRO,"
                        + "references=[],metadata=null,ruleSet=null,schema=" + undefinedType + ",schemaTags=null} with"
                        + " refs [] of type AVRO, details: Undefined schema: nope"));
        assertThat(http.post("/subjects/pings-value/versions", "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax\"}"))
                .isEqualTo(error(422, 42201, "Invalid schema type PROTOBUF"));
        assertThat(http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_JSON)
                + ",\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}"))
                .isEqualTo(error(422, 42201, "Invalid schema {subject=pings-value,version=0,id=-1,schemaType=AVRO,"
                        + "references=[],metadata=null,ruleSet=null,schema=" + PING_JSON + ",schemaTags=null} with"
                        + " refs [] of type AVRO, details: netpulse's registry does not resolve schema references"));
        // With verbose, a compatibility check answers an invalid schema as its one reason, as Confluent does.
        assertThat(http.post("/compatibility/subjects/pings-value/versions/latest?verbose=true",
                "{\"schema\":" + quoted(undefinedType) + "}")).isEqualTo(ok("{\"is_compatible\":false,\"messages\":["
                + quoted("Invalid schema {subject=pings-value,version=0,id=-1,schemaType=AVRO,references=[],"
                + "metadata=null,ruleSet=null,schema=" + undefinedType + ",schemaTags=null} with refs [] of type"
                + " AVRO, details: Undefined schema: nope") + "]}"));
        assertThat(store.subjects(Deleted.INCLUDED)).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String padding = " ".repeat(RegistryService.MAX_BODY_BYTES);

        assertThat(http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_JSON) + "}" + padding))
                .isEqualTo(error(413, 413, "Request body larger than 1048576 bytes"));
        assertThat(store.subjects(Deleted.INCLUDED)).isEmpty();
    }

    @Test
    void aStoreFailureIs50001() {
        assertThat(http.post("/subjects/broken-value/versions", "{\"schema\":" + quoted(PING_JSON) + "}"))
                .isEqualTo(error(500, 50001, "Error while writing to the Kafka store: broker down"));
        assertThat(store.subjects(Deleted.INCLUDED)).isEmpty();
    }

    @Test
    void refusedWritesAreAnsweredInConfluentsErrorBodyAndChangeNothing() {
        http.post("/subjects/pings-value/versions", "{\"schema\":" + quoted(PING_JSON) + "}");
        HttpAnswer refused = error(401, 40101,
                "Changing the registry needs a bearer token, or a connection from this host.");

        assertThat(http.send(http.request("/subjects/pongs-value/versions").header("X-Role", "tenant")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":" + quoted(PING_JSON) + "}"))))
                .isEqualTo(refused);
        assertThat(http.send(http.request("/subjects/pings-value/versions/1").header("X-Role", "tenant").DELETE()))
                .isEqualTo(refused);
        assertThat(http.send(http.request("/subjects/pings-value").header("X-Role", "tenant").DELETE()))
                .isEqualTo(refused);
        assertThat(http.send(http.request("/config").header("X-Role", "tenant")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"NONE\"}")))).isEqualTo(refused);
        assertThat(http.send(http.request("/config/pings-value").header("X-Role", "tenant").DELETE()))
                .isEqualTo(refused);

        assertThat(store.subjects(Deleted.INCLUDED)).containsExactly("pings-value");
        assertThat(store.versions("pings-value", Deleted.INCLUDED)).containsExactly(1);
        assertThat(store.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        // Reads and look-ups are never refused.
        assertThat(http.send(http.request("/subjects/pings-value").header("X-Role", "tenant")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":" + quoted(PING_JSON) + "}"))))
                .isEqualTo(ok("{\"subject\":\"pings-value\",\"version\":1,\"id\":1,\"schema\":"
                        + quoted(PING_JSON) + "}"));
    }
}
