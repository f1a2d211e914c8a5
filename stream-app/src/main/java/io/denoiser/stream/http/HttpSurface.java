package io.denoiser.stream.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.denoiser.stream.config.HttpSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP server, the JDK's own ({@code com.sun.net.httpserver}), on {@code http.host}:{@code http.port}:
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter in Prometheus' text format;
 *   <li>{@code GET /health/live}, {@code GET /health/ready}: 200 or 503 with a JSON body ({@link HealthChecks});
 *   <li>{@code GET /api/live}: what the live page shows, as JSON ({@link LivePage});
 *   <li>{@code GET /}: the live page, static files from the jar.
 * </ul>
 *
 * Two threads of its own answer, so a slow scrape never touches the data path; another ticks the live history
 * once a second. Read-only: nothing here changes the app. Closing stops all three.
 */
public final class HttpSurface implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSurface.class);
    private static final String WEB = "/io/denoiser/stream/http/web/";
    private static final Pattern STATIC_FILE = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService ticks;
    private final AutoCloseable meters;
    private final URI uri;

    private HttpSurface(
            HttpServer server, ExecutorService handlers, ScheduledExecutorService ticks, AutoCloseable meters) {
        this.server = server;
        this.handlers = handlers;
        this.ticks = ticks;
        this.meters = meters;
        InetSocketAddress address = server.getAddress();
        this.uri = URI.create("http://" + hostForUrl(address) + ":" + address.getPort() + "/");
    }

    /**
     * Listens and answers until closed.
     *
     * @param meters closed with the server (the binders that hold threads or listeners)
     * @throws UncheckedIOException when it cannot listen, e.g. the port is taken
     */
    static HttpSurface start(
            HttpSettings settings,
            PrometheusMeterRegistry registry,
            HealthChecks checks,
            LivePage page,
            AutoCloseable meters) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + settings.host() + ":" + settings.port() + " (http.host, http.port): "
                            + e.getMessage() + "; choose another http.port, or 0 for a free one",
                    e);
        }
        ExecutorService handlers = Executors.newFixedThreadPool(2, daemon("denoiser-http"));
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("denoiser-live-history"));
        server.setExecutor(handlers);
        server.createContext("/", exchange -> answer(exchange, registry, checks, page));
        server.start();
        // cancelled by shutting the executor down; tickQuietly never throws, so the future holds nothing to see
        ScheduledFuture<?> unusedTicking =
                ticks.scheduleAtFixedRate(() -> tickQuietly(page.history()), 0, 1, TimeUnit.SECONDS);
        HttpSurface surface = new HttpSurface(server, handlers, ticks, meters);
        LOG.info(
                "HTTP at {} (live page), {}metrics, {}health/live, {}health/ready",
                surface.uri,
                surface.uri,
                surface.uri,
                surface.uri);
        return surface;
    }

    /** Where it answers, e.g. {@code http://127.0.0.1:8080/}: with the port taken when {@code http.port} was 0. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        ticks.shutdownNow();
        try {
            meters.close();
        } catch (Exception e) {
            LOG.warn("cannot release the meters: {}", e.toString());
        }
    }

    private static void answer(
            HttpExchange exchange, PrometheusMeterRegistry registry, HealthChecks checks, LivePage page)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", bytes("only GET and HEAD\n"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, bytes(registry.scrape()));
                case "/health/live" -> health(exchange, checks.live());
                case "/health/ready" -> health(exchange, checks.ready());
                case "/api/live" -> json(exchange, 200, page.json(System.currentTimeMillis()));
                case "/" -> staticFile(exchange, "index.html");
                default -> staticFile(exchange, path.substring(1));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            throw e;
        }
    }

    private static void health(HttpExchange exchange, HealthChecks.Report report) throws IOException {
        json(exchange, report.up() ? 200 : 503, report.body());
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void staticFile(HttpExchange exchange, String name) throws IOException {
        if (!STATIC_FILE.matcher(name).matches()) {
            send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"));
            return;
        }
        try (InputStream in = HttpSurface.class.getResourceAsStream(WEB + name)) {
            if (in == null) {
                send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"));
                return;
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            send(exchange, 200, CONTENT_TYPES.get(extension), in.readAllBytes());
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void tickQuietly(LiveHistory history) {
        try {
            history.tick(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("cannot update the live history: {}", e.toString());
        }
    }

    private static String hostForUrl(InetSocketAddress address) {
        String host = address.getHostString();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        Objects.requireNonNull(name, "name");
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
