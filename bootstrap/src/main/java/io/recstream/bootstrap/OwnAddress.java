package io.recstream.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * This instance's HTTP address as its peers reach it ({@code recstream.peers.host}, or its host's address, and the
 * port its server listens on), known once the server listens: downloads begin only after that.
 */
final class OwnAddress implements ApplicationListener<WebServerInitializedEvent> {

    private final String host;
    private volatile int port;

    OwnAddress(String configuredHost) {
        this.host = configuredHost == null || configuredHost.isBlank() ? localHostAddress() : configuredHost;
    }

    private static String localHostAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    String url() {
        return "http://" + host + ":" + port;
    }
}
