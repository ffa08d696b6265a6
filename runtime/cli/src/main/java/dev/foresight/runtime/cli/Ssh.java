package dev.foresight.runtime.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The OpenSSH client ({@code ssh}, {@code scp}) as {@code foresight deploy} uses it: never interactive
 * ({@code BatchMode=yes}: no password or passphrase prompts, a refused key is an error), a host key seen for the
 * first time accepted and a changed one refused ({@code StrictHostKeyChecking=accept-new}, unless the user's
 * {@code --ssh-option} says otherwise: ssh keeps the first value it is given), a 10 s connect timeout.
 *
 * <pre>{@code
 * Ssh ssh = Ssh.locate(System.getenv("PATH"), "pi@robot.local", 22, Optional.empty(), List.of());
 * Ssh.Result r = ssh.run("systemctl is-active foresight");
 * }</pre>
 */
final class Ssh {

  /** What a command printed and its exit code; ssh itself exits 255 when it could not connect or log in. */
  record Result(int code, String out, String err) {

    boolean ok() {
      return code == 0;
    }

    /** The last non-blank line of stderr (ssh's reason), or of stdout when stderr is empty. */
    String lastLine() {
      for (String text : new String[] {err, out}) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (!lines.isEmpty()) return lines.getLast().strip();
      }
      return "no output";
    }
  }

  private final Path ssh;
  private final Path scp;
  private final String host;
  private final int port;
  private final Optional<Path> identity;
  private final List<String> options;

  private Ssh(Path ssh, Path scp, String host, int port, Optional<Path> identity, List<String> options) {
    this.ssh = ssh;
    this.scp = scp;
    this.host = host;
    this.port = port;
    this.identity = identity;
    this.options = List.copyOf(options);
  }

  /**
   * Finds {@code ssh} and {@code scp} on {@code searchPath} (a {@code PATH} value).
   *
   * @throws UserException when either is missing, naming the package that brings them
   */
  static Ssh locate(String searchPath, String host, int port, Optional<Path> identity, List<String> options) {
    Path sshBinary = which(searchPath, "ssh");
    Path scpBinary = which(searchPath, "scp");
    return new Ssh(sshBinary, scpBinary, host, port, identity, options);
  }

  private static Path which(String searchPath, String name) {
    if (searchPath != null) {
      for (String dir : searchPath.split(File.pathSeparator)) {
        if (dir.isEmpty()) continue;
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
      }
    }
    throw new UserException("no '" + name + "' command on PATH; deploy needs the OpenSSH client: install it "
        + "(sudo apt install openssh-client; on Windows, the OpenSSH client feature) and run deploy again");
  }

  /** The host as given ({@code USER@HOST} or {@code HOST}). */
  String host() {
    return host;
  }

  /** The port. */
  int port() {
    return port;
  }

  /** The {@code ssh} command line that runs {@code remoteCommand} (a POSIX shell command) on the host. */
  List<String> sshCommand(String remoteCommand) {
    List<String> c = new ArrayList<>();
    c.add(ssh.toString());
    common(c, "-p");
    c.add(host);
    c.add(remoteCommand);
    return c;
  }

  /** The {@code scp} command line that copies {@code files} into {@code remoteDir} on the host. */
  List<String> scpCommand(List<Path> files, String remoteDir) {
    List<String> c = new ArrayList<>();
    c.add(scp.toString());
    c.add("-q");
    common(c, "-P");
    for (Path f : files) c.add(f.toString());
    // scp's remote side is a path, quoted for the remote shell only by the legacy protocol; ours has no spaces.
    c.add(host + ":" + remoteDir + "/");
    return c;
  }

  private void common(List<String> c, String portFlag) {
    c.add(portFlag);
    c.add(Integer.toString(port));
    identity.ifPresent(i -> {
      c.add("-i");
      c.add(i.toString());
    });
    // The user's options first: ssh keeps the first value of each option, so theirs win over these defaults.
    for (String o : options) {
      c.add("-o");
      c.add(o);
    }
    for (String o : new String[] {"BatchMode=yes", "StrictHostKeyChecking=accept-new", "ConnectTimeout=10"}) {
      c.add("-o");
      c.add(o);
    }
  }

  /** Runs {@code remoteCommand} on the host and waits for it. */
  Result run(String remoteCommand) {
    return exec(sshCommand(remoteCommand));
  }

  /** Copies {@code files} into {@code remoteDir} on the host and waits. */
  Result copy(List<Path> files, String remoteDir) {
    return exec(scpCommand(files, remoteDir));
  }

  private static Result exec(List<String> command) {
    try {
      // stdin from /dev/null: ssh must never wait for a key press or read the CLI's own input.
      Process p = new ProcessBuilder(command).redirectInput(new File("/dev/null")).start();
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
      String out = read(p.getInputStream());
      int code = p.waitFor();
      return new Result(code, out, err.join());
    } catch (IOException e) {
      throw new UserException("cannot start " + command.getFirst() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("deploy interrupted while running " + Path.of(command.getFirst()).getFileName());
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * When {@code r} is ssh's own failure (exit 255: no connection, no login, a bad host key), the one-line message
   * for the user; empty when the connection worked and the remote command itself failed.
   */
  Optional<String> connectionProblem(Result r) {
    if (r.code() != 255) return Optional.empty();
    String reason = r.lastLine();
    String text = (r.err() + "\n" + r.out()).toLowerCase(Locale.ROOT);
    String where = host + " (port " + port + ")";
    if (text.contains("permission denied") || text.contains("too many authentication failures")) {
      return Optional.of(where + ": the SSH login was refused (" + reason + "); deploy never asks for a password: "
          + "install your key with 'ssh-copy-id " + (port == 22 ? "" : "-p " + port + " ") + host + "' or name one "
          + "with -i FILE");
    }
    if (text.contains("host key verification failed") || text.contains("remote host identification has changed")) {
      return Optional.of(where + ": the host key is not the one known for it (" + reason + "); if the board was "
          + "re-flashed, remove the old key with 'ssh-keygen -R " + hostName() + "' and deploy again");
    }
    if (text.contains("could not resolve hostname") || text.contains("connection refused")
        || text.contains("timed out") || text.contains("no route to host") || text.contains("network is unreachable")
        || text.contains("connection closed") || text.contains("connection reset")) {
      return Optional.of(where + ": cannot connect (" + reason + "); check the name, that the board is on the "
          + "network and that its SSH server runs (Raspberry Pi Imager: enable SSH)");
    }
    return Optional.of(where + ": ssh failed (" + reason + ")");
  }

  /** The host without the user, as {@code ssh-keygen -R} wants it ({@code [host]:port} for another port). */
  private String hostName() {
    String name = host.substring(host.indexOf('@') + 1);
    return port == 22 ? name : "'[" + name + "]:" + port + "'";
  }

  /** {@code s} quoted for a POSIX shell. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
