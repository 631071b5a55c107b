package dev.tocsin.ingest.intake;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Names the client of a request for per-client limits: its remote address, which is the proxy's
 * unless Quarkus is told to trust forwarded headers ({@code quarkus.http.proxy.*}).
 */
public final class Clients {

    private Clients() {
    }

    public static String address(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.toString();
    }
}
