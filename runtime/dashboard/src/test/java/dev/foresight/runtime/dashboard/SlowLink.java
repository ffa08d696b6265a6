package dev.foresight.runtime.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A poor link on loopback, for the browser tests: a TCP relay that adds a fixed one-way delay and caps each
 * direction's bandwidth, like {@code tc qdisc add dev lo root netem delay 100ms rate 256kbit} would for
 * this one port, without shaping the shared machine's whole loopback (other builds and tests use it).
 * {@link #stall()} turns the open connections into a dead radio link: nothing passes and nothing closes,
 * so only the page's own keep-alive can notice; new connections pass again.
 */
final class SlowLink implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final long delayNs;
  private final double nsPerByte;
  private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /**
   * @param targetPort the loopback port relayed to
   * @param delayMs added one-way delay, each direction
   * @param bitsPerSecond bandwidth of each direction
   */
  SlowLink(int targetPort, long delayMs, long bitsPerSecond) throws IOException {
    this.targetPort = targetPort;
    this.delayNs = TimeUnit.MILLISECONDS.toNanos(delayMs);
    this.nsPerByte = 8e9 / bitsPerSecond;
    server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        pipes.add(new Pipe(client, upstream));
        pipes.add(new Pipe(upstream, client));
      } catch (IOException e) {
        // closed, or the target is down: the client sees its connection refused or closed
      }
    }
  }

  /** Open connections stop passing bytes, without closing; new connections pass. */
  void stall() {
    for (Pipe p : pipes) p.stalled = true;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Pipe p : pipes) p.close();
    acceptor.interrupt();
  }

  /** One direction: a reader stamps chunks as they arrive, a writer releases them delayed and paced. */
  private final class Pipe {
    private record Chunk(long arrivedNs, byte[] bytes) {}

    final Socket from;
    final Socket to;
    final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    volatile boolean stalled;

    Pipe(Socket from, Socket to) {
      this.from = from;
      this.to = to;
      Thread.ofVirtual().start(this::read);
      Thread.ofVirtual().start(this::write);
    }

    private void read() {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream()) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          if (!stalled) queue.put(new Chunk(System.nanoTime(), java.util.Arrays.copyOf(buf, n)));
        }
      } catch (IOException | InterruptedException e) {
        // closed
      }
      if (!stalled) queue.add(new Chunk(0, new byte[0]));   // end of stream: close the other side after the rest
    }

    private void write() {
      long linkFreeNs = 0;   // when the modelled wire has sent everything before
      try (OutputStream out = to.getOutputStream()) {
        for (;;) {
          Chunk c = queue.take();
          if (c.bytes.length == 0) break;
          // Serialization at the link's rate, then the propagation delay.
          linkFreeNs = Math.max(linkFreeNs, c.arrivedNs) + (long) (c.bytes.length * nsPerByte);
          long due = linkFreeNs + delayNs;
          for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
          if (stalled) continue;
          out.write(c.bytes);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // closed
      }
      if (!stalled) close();
    }

    void close() {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
