package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight deploy} against a real OpenSSH server started here on a loopback port: the real ssh and scp
 * carry the files and commands; on the "robot" side, {@code sudo}, {@code apt-get}, {@code install},
 * {@code systemctl}, {@code journalctl} and {@code foresight} are scripts first on sshd's PATH that record what
 * they were asked (and {@code install}/{@code apt-get} keep a copy of what they were given), so nothing on this
 * machine is installed.
 */
class DeployCommandTest {

  @TempDir static Path dir;

  private static Process sshd;
  private static int port;
  private static Path clientKey;
  private static Path otherKey;
  private static Path knownHosts;
  private static Path log;
  private static Path received;

  @BeforeAll
  static void startSshd() throws Exception {
    Path hostKey = dir.resolve("host_key");
    clientKey = dir.resolve("client_key");
    otherKey = dir.resolve("other_key");
    for (Path k : List.of(hostKey, clientKey, otherKey)) {
      exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deploy-test", "-f", k.toString());
    }
    log = dir.resolve("remote.log");
    received = dir.resolve("received");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fake(bin, "sudo", """
        echo "sudo $*" >> LOG
        if [ -f DIR/sudo-needs-password ]; then echo "sudo: a password is required" >&2; exit 1; fi
        [ "$1" = -n ] && shift
        exec "$@"
        """);
    fake(bin, "apt-get", """
        echo "apt-get $* (in $(pwd))" >> LOG
        for a; do case $a in ./*) mkdir -p RECV && cp "$a" RECV/ ;; esac; done
        echo "Setting up foresight ..."
        """);
    fake(bin, "install", """
        echo "install $*" >> LOG
        for a; do from=$to; to=$a; done
        mkdir -p "RECV$(dirname "$to")" && cp "$from" "RECV$to"
        """);
    fake(bin, "systemctl", """
        echo "systemctl $*" >> LOG
        if [ "$1" = is-active ]; then s=$(cat DIR/service-state 2>/dev/null || echo active); echo "$s"; [ "$s" = active ]; fi
        """);
    fake(bin, "journalctl", """
        echo "journalctl $*" >> LOG
        echo "events: model file not found; outputs safe"
        """);
    fake(bin, "foresight", """
        echo "foresight $*" >> LOG
        if [ -f DIR/doctor-fails ]; then echo "motor_pwm   pca9685 @0x40   MISSING (no answer on /dev/i2c-1)"; exit 1; fi
        echo "doctor: 3 devices, all ok"
        """);
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, String.join("\n",
        "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + hostKey, "AuthorizedKeysFile " + clientKey + ".pub",
        "StrictModes no", "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password", "PidFile none", "SetEnv PATH=" + bin + ":/usr/bin:/bin",
        "Subsystem sftp internal-sftp", ""));
    knownHosts = dir.resolve("known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + Files.readString(Path.of(hostKey + ".pub")));
    // sshd insists on its privilege-separation folder (Debian's package makes it at boot in /run).
    Files.createDirectories(Path.of("/run/sshd"));
    sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()).redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(sshd.getInputStream(), StandardCharsets.UTF_8));
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = lines.readLine()) != null && !line.contains("Server listening on 127.0.0.1 port " + port)) {
      seen.append(line).append('\n');
    }
    assertThat(line).as("sshd did not start: " + seen).isNotNull();
    Thread.ofVirtual().start(() -> lines.lines().forEach(l -> { }));   // keep draining its log
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) sshd.destroy();
  }

  @BeforeEach
  void clean() throws IOException {
    Files.deleteIfExists(log);
    for (String flag : List.of("sudo-needs-password", "service-state", "doctor-fails")) Files.deleteIfExists(dir.resolve(flag));
    exec("rm", "-rf", received.toString());
  }

  private static void fake(Path bin, String name, String body) throws IOException {
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/sh\n" + body.replace("LOG", log.toString()).replace("RECV", received.toString())
        .replace("DIR", dir.toString()));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void exec(String... command) throws IOException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
  }

  private static List<String> ssh(String... more) {
    List<String> a = new ArrayList<>(List.of("deploy", "--host", "root@127.0.0.1", "-p", Integer.toString(port),
        "-i", clientKey.toString(), "--ssh-option", "UserKnownHostsFile=" + knownHosts));
    a.addAll(List.of(more));
    return a;
  }

  private static CliRun.Result deploy(List<String> args) {
    return CliRun.run(args.toArray(String[]::new));
  }

  private static List<String> remoteLog() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static Path file(String name, int bytes, long seed) throws IOException {
    byte[] b = new byte[bytes];
    new Random(seed).nextBytes(b);
    return Files.write(dir.resolve(name), b);
  }

  private static final String CONFIG = "robot: {id: pendulum-01}\n# deployed by the test\n";

  @Test
  void copiesTheDebAndConfigInstallsChecksEnablesRestartsAndWaits() throws Exception {
    Path deb = file("foresight_9.9.9_all.deb", 300_000, 1);
    Path config = Files.writeString(dir.resolve("pendulum-pi.yaml"), CONFIG);
    CliRun.Result r = deploy(ssh("--package", deb.toString(), "--config", config.toString(), "--enable", "--wait", "10s"));
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(Files.readAllBytes(received.resolve("foresight_9.9.9_all.deb"))).isEqualTo(Files.readAllBytes(deb));
    assertThat(received.resolve("etc/foresight/robot.yaml")).hasContent(CONFIG);
    List<String> ran = remoteLog();
    Matcher m = Pattern.compile("\\(in (/tmp/foresight-deploy\\.\\w+)\\)").matcher(String.join("\n", ran));
    assertThat(m.find()).as(ran.toString()).isTrue();
    String staging = m.group(1);
    assertThat(ran).containsExactly(
        "sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confold "
            + "./foresight_9.9.9_all.deb",
        "apt-get install -y -o Dpkg::Options::=--force-confold ./foresight_9.9.9_all.deb (in " + staging + ")",
        "sudo -n install -D -m 0644 " + staging + "/pendulum-pi.yaml /etc/foresight/robot.yaml",
        "install -D -m 0644 " + staging + "/pendulum-pi.yaml /etc/foresight/robot.yaml",
        "foresight doctor --config /etc/foresight/robot.yaml",
        "sudo -n systemctl enable foresight",
        "systemctl enable foresight",
        "sudo -n systemctl restart foresight",
        "systemctl restart foresight",
        "systemctl is-active foresight");
    assertThat(Path.of(staging)).as("the staging folder is removed").doesNotExist();
    assertThat(r.out()).contains("deploy: connected to root@127.0.0.1 port " + port,
        "deploy: copy foresight_9.9.9_all.deb (292 kB), pendulum-pi.yaml (" + CONFIG.length() + " B) to root@127.0.0.1:"
            + staging,
        "doctor: 3 devices, all ok",
        "deploy: done: root@127.0.0.1 runs foresight.service with /etc/foresight/robot.yaml (active), enabled at boot");
    assertThat(r.out()).doesNotContain("Setting up foresight");   // apt's output only when it fails
  }

  @Test
  void unpacksATarballIntoItsPrefixReplacingTheOldInstall() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree/foresight-9.9.9/bin"));
    Path launcher = Files.writeString(tree.resolve("foresight"), "#!/bin/sh\necho \"tarball-foresight $*\" >> " + log
        + "\necho tarball doctor ok\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path tarball = dir.resolve("foresight-9.9.9.tar.gz");
    exec("tar", "-czf", tarball.toString(), "-C", dir.resolve("tree").toString(), "foresight-9.9.9");
    Path prefix = dir.resolve("opt/foresight");
    Files.createDirectories(prefix.resolve("lib/foresight/lib"));
    Files.writeString(prefix.resolve("lib/foresight/lib/old-0.0.1.jar"), "old");
    CliRun.Result r = deploy(ssh("--package", tarball.toString(), "--prefix", prefix.toString()));
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(Files.readAllBytes(prefix.resolve("bin/foresight"))).isEqualTo(Files.readAllBytes(launcher));
    assertThat(prefix.resolve("lib/foresight/lib/old-0.0.1.jar")).as("the old jars are gone").doesNotExist();
    assertThat(Path.of(prefix + ".new")).doesNotExist();
    assertThat(Path.of(prefix + ".old")).doesNotExist();
    List<String> ran = remoteLog();
    assertThat(ran).filteredOn(l -> !l.startsWith("sudo")).containsExactly(
        "tarball-foresight doctor --config /etc/foresight/robot.yaml",
        "systemctl restart foresight");
    assertThat(ran).anyMatch(l -> l.startsWith("sudo -n tar -xzf /tmp/foresight-deploy.")
        && l.endsWith("/foresight-9.9.9.tar.gz -C " + prefix + ".new --strip-components=1"));
    assertThat(r.out()).contains("tarball doctor ok");
  }

  @Test
  void deploysOnlyTheConfigWithNoPackage() throws Exception {
    Path config = Files.writeString(dir.resolve("robot.yaml"), CONFIG);
    CliRun.Result r = deploy(ssh("--no-package", "--config", config.toString()));
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(received.resolve("etc/foresight/robot.yaml")).hasContent(CONFIG);
    assertThat(remoteLog()).noneMatch(l -> l.contains("apt-get")).last().isEqualTo("systemctl restart foresight");
  }

  @Test
  void aFailingDoctorShowsItsReportAndStopsBeforeTheRestart() throws Exception {
    Files.writeString(dir.resolve("doctor-fails"), "");
    Path config = Files.writeString(dir.resolve("robot.yaml"), CONFIG);
    CliRun.Result r = deploy(ssh("--no-package", "--config", config.toString()));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("motor_pwm   pca9685 @0x40   MISSING (no answer on /dev/i2c-1)");
    assertThat(r.err().strip()).isEqualTo("foresight: root@127.0.0.1: foresight doctor found a problem with "
        + "/etc/foresight/robot.yaml (exit 1, its report above); the service was not restarted: fix the config and "
        + "deploy again");
    assertThat(remoteLog()).last().isEqualTo("foresight doctor --config /etc/foresight/robot.yaml");
  }

  @Test
  void waitNamesAServiceThatFailedAndShowsItsJournal() throws Exception {
    Files.writeString(dir.resolve("service-state"), "failed\n");
    Path config = Files.writeString(dir.resolve("robot.yaml"), CONFIG);
    CliRun.Result r = deploy(ssh("--no-package", "--config", config.toString(), "--wait"));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("events: model file not found; outputs safe");
    assertThat(r.err().strip()).isEqualTo("foresight: root@127.0.0.1: foresight.service is failed after the restart; "
        + "its journal is above (journalctl -u foresight on the robot)");
  }

  @Test
  void dryRunPrintsTheCommandsAndRunsNone() throws Exception {
    Path deb = file("foresight_9.9.9_all.deb", 1000, 2);
    CliRun.Result r = deploy(ssh("--package", deb.toString(), "--enable", "--dry-run"));
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).startsWith("/usr/bin/ssh -p " + port + " -i " + clientKey + " -o UserKnownHostsFile="
        + knownHosts + " -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o ConnectTimeout=10 root@127.0.0.1 "
        + "'d=$(mktemp -d /tmp/foresight-deploy.XXXXXX)");
    assertThat(lines.get(1)).startsWith("/usr/bin/scp -q -P " + port).endsWith(deb + " root@127.0.0.1:/tmp/foresight-deploy.XXXXXX/");
    assertThat(lines.get(2)).endsWith("'cd '\\''/tmp/foresight-deploy.XXXXXX'\\'' && sudo -n env DEBIAN_FRONTEND="
        + "noninteractive apt-get install -y -o Dpkg::Options::=--force-confold '\\''./foresight_9.9.9_all.deb'\\'''");
    assertThat(lines.get(3)).endsWith(" 'foresight doctor --config /etc/foresight/robot.yaml'");
    assertThat(lines.get(4)).endsWith(" 'sudo -n systemctl enable foresight'");
    assertThat(lines.get(5)).endsWith(" 'sudo -n systemctl restart foresight'");
    assertThat(lines.get(6)).isEqualTo("deploy: dry run: nothing was run on root@127.0.0.1");
    assertThat(remoteLog()).isEmpty();
  }

  // --- the errors ---

  @Test
  void namesAHostThatDoesNotAnswer() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Path config = Files.writeString(dir.resolve("robot.yaml"), CONFIG);
    CliRun.Result r = CliRun.run("deploy", "--host", "pi@127.0.0.1", "-p", Integer.toString(closed), "--no-package",
        "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: pi@127.0.0.1 (port " + closed + "): cannot connect (ssh: connect "
        + "to host 127.0.0.1 port " + closed + ": Connection refused); check the name, that the board is on the network "
        + "and that its SSH server runs (Raspberry Pi Imager: enable SSH)");
  }

  @Test
  void namesARefusedLoginAndHowToInstallAKey() throws Exception {
    Path config = Files.writeString(dir.resolve("robot.yaml"), CONFIG);
    CliRun.Result r = CliRun.run("deploy", "--host", "root@127.0.0.1", "-p", Integer.toString(port), "-i",
        otherKey.toString(), "-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + knownHosts, "--no-package",
        "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: root@127.0.0.1 (port " + port + "): the SSH login was refused "
        + "(root@127.0.0.1: Permission denied (publickey).); deploy never asks for a password: install your key with "
        + "'ssh-copy-id -p " + port + " root@127.0.0.1' or name one with -i FILE");
    assertThat(remoteLog()).isEmpty();
  }

  @Test
  void refusesAChangedHostKey() throws Exception {
    Path wrong = dir.resolve("known_hosts_wrong");
    Files.writeString(wrong, "[127.0.0.1]:" + port + " " + Files.readString(Path.of(otherKey + ".pub")));
    Path config = Files.writeString(dir.resolve("robot.yaml"), CONFIG);
    CliRun.Result r = CliRun.run("deploy", "--host", "root@127.0.0.1", "-p", Integer.toString(port), "-i",
        clientKey.toString(), "-o", "UserKnownHostsFile=" + wrong, "--no-package", "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: root@127.0.0.1 (port " + port + "): the host key is not the one "
        + "known for it (Host key verification failed.); if the board was re-flashed, remove the old key with "
        + "'ssh-keygen -R '[127.0.0.1]:" + port + "'' and deploy again");
    assertThat(remoteLog()).isEmpty();
  }

  @Test
  void namesSudoThatWantsAPassword() throws Exception {
    Files.writeString(dir.resolve("sudo-needs-password"), "");
    Path config = Files.writeString(dir.resolve("robot.yaml"), CONFIG);
    CliRun.Result r = deploy(ssh("--no-package", "--config", config.toString()));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: root@127.0.0.1: sudo asks root for a password, and deploy never "
        + "prompts: allow root passwordless sudo on the robot (Raspberry Pi OS's first user has it; 'sudo visudo -f "
        + "/etc/sudoers.d/foresight-deploy': root ALL=(root) NOPASSWD: ALL)");
  }

  @Test
  void aMissingPackageSaysHowToBuildIt() throws Exception {
    CliRun.Result r = CliRun.run("deploy", "--host", "pi@robot.local", "--package", dir.resolve("nope.deb").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: --package: " + dir.resolve("nope.deb") + " not found; build the "
        + ".deb with './mvnw -B -q package -pl runtime/package -am -DskipTests' in the Foresight folder (it writes "
        + "runtime/package/target/foresight_VERSION_all.deb and the .tar.gz)");
    String home = System.getProperty("foresight.home");
    System.setProperty("foresight.home", dir.resolve("empty-home").toString());
    try {
      CliRun.Result d = CliRun.run("deploy", "--host", "pi@robot.local");
      assertThat(d.code()).isEqualTo(2);
      assertThat(d.err().strip()).startsWith("foresight: no package to deploy: ").endsWith("empty-home/runtime/package/"
          + "target has no foresight_*_all.deb; build it with './mvnw -B -q package -pl runtime/package -am "
          + "-DskipTests' in the Foresight folder, or name one with --package FILE (--no-package deploys only the config)");
    } finally {
      if (home == null) System.clearProperty("foresight.home");
      else System.setProperty("foresight.home", home);
    }
  }

  @Test
  void badOptionsAreOneLine() throws Exception {
    Path deb = file("foresight_9.9.9_all.deb", 10, 3);
    assertThat(CliRun.run("deploy", "--host", "pi@robot;reboot").err().strip())
        .isEqualTo("foresight: --host: 'pi@robot;reboot' is not USER@HOST or HOST (e.g. pi@robot.local)");
    assertThat(CliRun.run("deploy", "--host", "pi@robot", "--no-package").err().strip())
        .isEqualTo("foresight: --no-package without --config deploys nothing; name a config with --config FILE");
    assertThat(CliRun.run("deploy", "--host", "pi@robot", "--package", dir.resolve("robot.zip").toString()).err()).contains("not found");
    Path zip = Files.writeString(dir.resolve("foresight.zip"), "x");
    assertThat(CliRun.run("deploy", "--host", "pi@robot", "--package", zip.toString()).err().strip())
        .isEqualTo("foresight: --package: " + zip + " is neither a .deb nor a .tar.gz; use the files './mvnw -B -q "
            + "package -pl runtime/package -am -DskipTests' writes to runtime/package/target/");
    assertThat(CliRun.run("deploy", "--host", "pi@robot", "--package", deb.toString(), "--prefix", "/opt").err().strip())
        .isEqualTo("foresight: --prefix: only for a .tar.gz package; a .deb installs to /usr");
    assertThat(CliRun.run("deploy", "--host", "pi@robot", "--no-package", "--config", dir.resolve("x.yaml").toString())
        .err().strip()).isEqualTo("foresight: --config: " + dir.resolve("x.yaml") + " not found");
  }

  @Test
  void saysSoWhenThereIsNoSshClient() throws Exception {
    Path deb = file("foresight_9.9.9_all.deb", 10, 4);
    Path emptyBin = Files.createDirectories(dir.resolve("no-ssh-bin"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "deploy", "--host", "pi@robot.local", "--package", deb.toString());
    pb.environment().put("PATH", emptyBin.toString());
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(err.strip()).isEqualTo("foresight: no 'ssh' command on PATH; deploy needs the OpenSSH client: install "
        + "it (sudo apt install openssh-client; on Windows, the OpenSSH client feature) and run deploy again");
  }
}
