package dev.unstuck.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The stream's health over HTTP, for Kubernetes probes and monitors: {@code GET /health/ready} and
 * {@code GET /health/live} answer 200 or 503 with the {@link StreamHealth} as JSON ({@code /health}
 * is {@code /health/ready}). The JDK's own HTTP server: one daemon thread, nothing to configure.
 */
public final class HealthEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private HealthEndpoint(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves {@code health} on {@code port} of every interface (0: a free port, see {@link #port()}).
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static HealthEndpoint serve(int port, Supplier<StreamHealth> health) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the health endpoint on port " + port, e);
    }
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "unstuck-health");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/health", exchange -> answer(exchange, health, StreamHealth::ready));
    server.createContext(
        "/health/ready", exchange -> answer(exchange, health, StreamHealth::ready));
    server.createContext("/health/live", exchange -> answer(exchange, health, StreamHealth::alive));
    server.start();
    return new HealthEndpoint(server);
  }

  private static void answer(
      HttpExchange exchange, Supplier<StreamHealth> health, Predicate<StreamHealth> good)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      StreamHealth now = health.get();
      byte[] body = JSON.writeValueAsBytes(now.toJson());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(good.test(now) ? 200 : 503, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
