package dev.foresight.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code foresight deploy --host USER@HOST}: the package and the robot config from this computer to the robot
 * over SSH, installed, checked with {@code foresight doctor}, the service restarted (GradleRIO's deploy). Shells out
 * to the OpenSSH client, never interactively (docs/deploy.md, "foresight deploy").
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = {"Copy the package (the .deb, or a .tar.gz for boards without dpkg) and a robot config to a robot "
        + "over SSH, install them (the config as /etc/foresight/robot.yaml), run foresight doctor there and restart "
        + "the foresight service.",
        "Uses ssh and scp with BatchMode (a key, no password prompts) and passwordless sudo on the robot. A doctor "
            + "that finds a problem stops the deploy before the restart.",
        "Exits 0 when deployed, 1 when a step on the robot failed, 2 for a bad option, a missing file, or a robot "
            + "that cannot be reached or logged into."})
final class DeployCommand implements Callable<Integer> {

  /** What the package module builds (docs/deploy.md). */
  static final String BUILD = "./mvnw -B -q package -pl runtime/package -am -DskipTests";
  /** Where the service's config lives on the robot. */
  static final String REMOTE_CONFIG = "/etc/foresight/robot.yaml";
  private static final String STAGING_PREFIX = "/tmp/foresight-deploy.";
  private static final Pattern HOST = Pattern.compile("([A-Za-z0-9._][A-Za-z0-9._-]*@)?[A-Za-z0-9._:\\[\\]%-]+");
  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/+-]*");

  @Spec CommandSpec spec;

  @Option(names = "--host", required = true, paramLabel = "USER@HOST",
      description = "The robot, as ssh names it (pi@robot.local, or a Host from ~/.ssh/config).")
  String host;

  @Option(names = "--package", paramLabel = "FILE",
      description = "The package to install: foresight_*_all.deb or foresight-*.tar.gz (default: the newest .deb in "
          + "runtime/package/target/, which '" + BUILD + "' builds).")
  Path packageFile;

  @Option(names = "--no-package", description = "Install nothing; deploy only the config (and restart).")
  boolean noPackage;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Robot config to install as " + REMOTE_CONFIG + " (default: keep the robot's).")
  Path config;

  @Option(names = "--prefix", paramLabel = "DIR",
      description = "Where a .tar.gz is unpacked on the robot (default /opt/foresight; the command is DIR/bin/foresight).")
  String prefix;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "22", description = "SSH port (default 22).")
  int port;

  @Option(names = {"-i", "--identity"}, paramLabel = "FILE", description = "SSH private key (ssh -i).")
  Path identity;

  @Option(names = {"-o", "--ssh-option"}, paramLabel = "OPTION",
      description = "An ssh option, as ssh -o takes it (e.g. ProxyJump=gateway); repeatable; wins over deploy's.")
  List<String> sshOptions = new ArrayList<>();

  @Option(names = "--enable", description = "Also enable the service, so it starts at boot.")
  boolean enable;

  @Option(names = "--wait", arity = "0..1", fallbackValue = "60s", paramLabel = "TIMEOUT",
      converter = DurationConverter.class,
      description = "After the restart, wait until the service is active (default timeout 60s).")
  Duration wait;

  @Option(names = "--dry-run", description = "Print the commands deploy would run, and run none.")
  boolean dryRun;

  private PrintWriter out;
  private PrintWriter err;

  /** How the package is installed on the robot. */
  private enum Kind { DEB, TARBALL }

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    if (!HOST.matcher(host).matches()) {
      throw new UserException("--host: '" + host + "' is not USER@HOST or HOST (e.g. pi@robot.local)");
    }
    if (port < 1 || port > 65535) throw new UserException("--port: " + port + " is not a TCP port (1..65535)");
    if (noPackage && packageFile != null) throw new UserException("--package and --no-package: choose one");
    Optional<Path> pkg = noPackage ? Optional.empty() : Optional.of(packageFile != null ? checked(packageFile) : newestDeb());
    Optional<Kind> kind = pkg.map(DeployCommand::kind);
    if (prefix != null && kind.isPresent() && kind.get() == Kind.DEB) {
      throw new UserException("--prefix: only for a .tar.gz package; a .deb installs to /usr");
    }
    String installRoot = prefix != null ? checkedPrefix(prefix) : "/opt/foresight";
    if (config != null) {
      if (!Files.isRegularFile(config)) throw new UserException("--config: " + config + " not found");
      if (!Files.isReadable(config)) throw new UserException("--config: " + config + " is not readable");
    }
    if (pkg.isEmpty() && config == null) {
      throw new UserException("--no-package without --config deploys nothing; name a config with --config FILE");
    }
    if (identity != null && !Files.isRegularFile(identity)) {
      throw new UserException("-i: " + identity + " not found (an SSH private key, e.g. ~/.ssh/id_ed25519)");
    }
    Ssh ssh = Ssh.locate(System.getenv("PATH"), host, port, Optional.ofNullable(identity), sshOptions);
    String foresight = kind.orElse(null) == Kind.TARBALL || prefix != null ? installRoot + "/bin/foresight" : "foresight";

    List<Path> files = new ArrayList<>();
    pkg.ifPresent(files::add);
    if (config != null) files.add(config);

    String staging;
    if (dryRun) {
      staging = STAGING_PREFIX + "XXXXXX";
      show(ssh.sshCommand(stagingCommand()));
    } else {
      staging = makeStaging(ssh);
    }
    try {
      step(ssh, "copy " + files.stream().map(f -> f.getFileName() + " (" + size(f) + ")").collect(Collectors.joining(", "))
          + " to " + host + ":" + staging, () -> ssh.scpCommand(files, staging), () -> ssh.copy(files, staging));
      if (pkg.isPresent()) {
        String name = pkg.get().getFileName().toString();
        String install = kind.get() == Kind.DEB
            ? "cd " + Ssh.quote(staging) + " && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y "
                + "-o Dpkg::Options::=--force-confold " + Ssh.quote("./" + name)
            : unpack(staging + "/" + name, installRoot);
        if (!remote(ssh, "install " + name + (kind.get() == Kind.DEB ? "" : " into " + installRoot), install)) {
          return ExitCodes.FAILURE;
        }
      }
      if (config != null) {
        String from = staging + "/" + config.getFileName();
        if (!remote(ssh, "config " + config.getFileName() + " as " + REMOTE_CONFIG,
            "sudo -n install -D -m 0644 " + Ssh.quote(from) + " " + REMOTE_CONFIG)) {
          return ExitCodes.FAILURE;
        }
      }
      if (!doctor(ssh, foresight)) return ExitCodes.FAILURE;
      if (enable && !remote(ssh, "enable foresight.service (starts at boot)", "sudo -n systemctl enable foresight")) {
        return ExitCodes.FAILURE;
      }
      if (!remote(ssh, "restart foresight.service", "sudo -n systemctl restart foresight")) {
        journal(ssh);
        return ExitCodes.FAILURE;
      }
      if (wait != null && !waitActive(ssh)) return ExitCodes.FAILURE;
    } finally {
      if (!dryRun) ssh.run("rm -rf " + Ssh.quote(staging));
    }
    if (dryRun) {
      out.println("deploy: dry run: nothing was run on " + host);
    } else {
      out.println("deploy: done: " + host + " runs foresight.service with " + REMOTE_CONFIG
          + (wait != null ? " (active)" : "") + (enable ? ", enabled at boot" : ""));
    }
    out.flush();
    return ExitCodes.OK;
  }

  // --- local checks ---

  private static Path checked(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserException("--package: " + file + " not found; build the .deb with '" + BUILD + "' in the "
          + "Foresight folder (it writes runtime/package/target/foresight_VERSION_all.deb and the .tar.gz)");
    }
    return file;
  }

  private static Kind kind(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".deb")) return Kind.DEB;
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return Kind.TARBALL;
    throw new UserException("--package: " + file + " is neither a .deb nor a .tar.gz; use the files '" + BUILD
        + "' writes to runtime/package/target/");
  }

  private static Path newestDeb() {
    Path target = Path.of(System.getProperty("foresight.home", ".")).resolve("runtime/package/target");
    List<Path> debs = new ArrayList<>();
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(target, "foresight_*_all.deb")) {
        s.forEach(debs::add);
      } catch (IOException e) {
        throw new UserException("cannot list " + target + ": " + e.getMessage());
      }
    }
    if (debs.isEmpty()) {
      throw new UserException("no package to deploy: " + RunSession.display(target) + " has no foresight_*_all.deb; "
          + "build it with '" + BUILD + "' in the Foresight folder, or name one with --package FILE (--no-package "
          + "deploys only the config)");
    }
    return debs.stream().max(Comparator.comparing(DeployCommand::modified)).orElseThrow();
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static String checkedPrefix(String dir) {
    if (!SAFE_PATH.matcher(dir).matches() || dir.equals("/") || dir.contains("..") || dir.endsWith("/")) {
      throw new UserException("--prefix: '" + dir + "' is not an absolute folder like /opt/foresight (letters, "
          + "digits, . _ + - and /; not / itself)");
    }
    return dir;
  }

  private static String size(Path f) {
    try {
      long b = Files.size(f);
      return b >= 1 << 20 ? String.format("%.1f MB", b / 1048576.0) : b >= 1024 ? (b / 1024) + " kB" : b + " B";
    } catch (IOException e) {
      return "?";
    }
  }

  // --- remote steps ---

  private static String stagingCommand() {
    return "d=$(mktemp -d " + STAGING_PREFIX + "XXXXXX) && chmod 755 \"$d\" && echo \"$d\"";
  }

  /** Connects (the first contact: unreachable hosts and refused logins show here) and makes the staging folder. */
  private String makeStaging(Ssh ssh) {
    Ssh.Result r = ssh.run(stagingCommand());
    ssh.connectionProblem(r).ifPresent(m -> {
      throw new UserException(m);
    });
    String dir = r.out().strip();
    if (!r.ok() || !dir.startsWith(STAGING_PREFIX)) {
      throw new UserException(host + ": cannot make a folder in /tmp for the files (" + r.lastLine() + ")");
    }
    out.println("deploy: connected to " + host + (port == 22 ? "" : " port " + port));
    out.flush();
    return dir;
  }

  /** A tarball unpacked beside the old install, then swapped in, so a failed unpack leaves the old one working. */
  private static String unpack(String tarball, String root) {
    String r = Ssh.quote(root);
    String fresh = Ssh.quote(root + ".new");
    String old = Ssh.quote(root + ".old");
    return "sudo -n rm -rf " + fresh + " && sudo -n mkdir -p " + fresh + " && sudo -n tar -xzf " + Ssh.quote(tarball)
        + " -C " + fresh + " --strip-components=1 && { [ ! -e " + r + " ] || { sudo -n rm -rf " + old + " && sudo -n mv "
        + r + " " + old + "; }; } && sudo -n mv " + fresh + " " + r + " && sudo -n rm -rf " + old;
  }

  /** Runs one step (or prints it in a dry run); throws for ssh's own failures, returns the result otherwise. */
  private Ssh.Result step(Ssh ssh, String what, Supplier<List<String>> line, Supplier<Ssh.Result> action) {
    if (dryRun) {
      show(line.get());
      return new Ssh.Result(0, "", "");
    }
    out.println("deploy: " + what);
    out.flush();
    Ssh.Result r = action.get();
    ssh.connectionProblem(r).ifPresent(m -> {
      throw new UserException(m);
    });
    if (!r.ok() && line.get().getFirst().endsWith("scp")) {
      throw new UserException(host + ": copying the files failed (" + r.lastLine() + "); is /tmp full?");
    }
    return r;
  }

  /** Runs a remote shell command as one step; on failure prints its output and a one-line reason. */
  private boolean remote(Ssh ssh, String what, String command) {
    Ssh.Result r = step(ssh, what, () -> ssh.sshCommand(command), () -> ssh.run(command));
    if (r.ok()) return true;
    sudoProblem(r);
    print(r);
    fail(what.split(" ")[0] + " failed on " + host + " (exit " + r.code() + ": " + r.lastLine() + ")");
    return false;
  }

  private void sudoProblem(Ssh.Result r) {
    String e = r.err();
    if (e.contains("a password is required") || e.contains("a terminal is required")) {
      String user = host.contains("@") ? host.substring(0, host.indexOf('@')) : "your user";
      throw new UserException(host + ": sudo asks " + user + " for a password, and deploy never prompts: allow "
          + user + " passwordless sudo on the robot (Raspberry Pi OS's first user has it; 'sudo visudo -f "
          + "/etc/sudoers.d/foresight-deploy': " + user + " ALL=(root) NOPASSWD: ALL)");
    }
  }

  private boolean doctor(Ssh ssh, String foresight) {
    String command = foresight + " doctor --config " + REMOTE_CONFIG;
    Ssh.Result r = step(ssh, "doctor: " + command, () -> ssh.sshCommand(command), () -> ssh.run(command));
    if (dryRun) return true;
    print(r);
    if (r.ok()) return true;
    if (r.code() == 127) {
      fail(host + ": there is no " + foresight + " to run doctor (" + r.lastLine() + "); deploy with the package "
          + "(without --no-package) first; the service was not restarted");
    } else {
      fail(host + ": foresight doctor found a problem with " + REMOTE_CONFIG + " (exit " + r.code() + ", its report "
          + "above); the service was not restarted: fix the config and deploy again");
    }
    return false;
  }

  private boolean waitActive(Ssh ssh) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    // The polling runs on the robot: one connection, the robot's own clock and sleep.
    String command = "i=0; while :; do s=$(systemctl is-active foresight); [ \"$s\" = active ] && exit 0; "
        + "[ \"$s\" = failed ] && break; i=$((i+1)); [ $i -ge " + seconds + " ] && break; sleep 1; done; "
        + "echo \"foresight.service is $s\"; exit 3";
    Ssh.Result r = step(ssh, "wait until foresight.service is active (at most " + seconds + " s)",
        () -> ssh.sshCommand(command), () -> ssh.run(command));
    if (r.ok()) return true;
    journal(ssh);
    fail(host + ": " + r.lastLine() + " after the restart" + (r.lastLine().endsWith("failed") ? "" : " (waited "
        + seconds + " s)") + "; its journal is above (journalctl -u foresight on the robot)");
    return false;
  }

  private void journal(Ssh ssh) {
    if (dryRun) return;
    Ssh.Result j = ssh.run("sudo -n journalctl -u foresight -n 20 --no-pager -o cat");
    if (j.ok()) print(j);
  }

  private void print(Ssh.Result r) {
    if (!r.out().isEmpty()) out.print(r.out().endsWith("\n") ? r.out() : r.out() + "\n");
    out.flush();
    if (!r.err().isEmpty()) err.print(r.err().endsWith("\n") ? r.err() : r.err() + "\n");
    err.flush();
  }

  private void fail(String message) {
    err.println("foresight: " + message);
    err.flush();
  }

  private void show(List<String> command) {
    out.println(command.stream().map(a -> a.matches("[A-Za-z0-9._/:@=,+-]+") ? a : Ssh.quote(a))
        .collect(Collectors.joining(" ")));
    out.flush();
  }
}
