package dev.unstuck.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports for the local services. */
public final class Ports {
  private Ports() {}

  /** A port nobody listens on right now (the OS picks it). */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** True when something accepts connections on 127.0.0.1:port. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with one clear line when {@code port} cannot be bound on loopback. */
  public static void requireFree(int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new LocalServiceException(
          "port "
              + port
              + " on 127.0.0.1 is already in use, so the local "
              + what
              + " cannot start there - stop whatever listens on it, or pick another port",
          e);
    }
  }

  /** Waits until something accepts connections on the port; false on timeout. */
  public static boolean awaitListening(int port, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (isListening(port)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
