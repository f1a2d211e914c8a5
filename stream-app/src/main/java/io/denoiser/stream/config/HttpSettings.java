package io.denoiser.stream.config;

import java.util.Objects;

/**
 * Where the app's HTTP server listens ({@code http.host}, {@code http.port}).
 *
 * @param host address to bind: {@value #DEFAULT_HOST} for this machine only, {@code 0.0.0.0} for every interface
 * @param port 0 for a free port
 */
public record HttpSettings(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public HttpSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }
}
