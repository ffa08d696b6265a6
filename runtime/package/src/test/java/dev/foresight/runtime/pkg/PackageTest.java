package dev.foresight.runtime.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb and .tar.gz this module built, read by Debian's own tools (dpkg-deb, lintian) and run: the
 * launcher from the unpacked package answers {@code --version} and {@code doctor} with the JDK running
 * this test.
 */
class PackageTest {

  static final Path TARGET = Path.of(System.getProperty("foresight.deb.dir", "target"));
  static Path deb;
  static Path tarball;

  @BeforeAll
  static void findPackages() throws IOException {
    deb = only("foresight_*_all.deb");
    tarball = only("foresight-*.tar.gz");
  }

  static Path only(String glob) throws IOException {
    try (var files = Files.newDirectoryStream(TARGET, glob)) {
      List<Path> found = new java.util.ArrayList<>();
      files.forEach(found::add);
      assertThat(found).as(glob + " in " + TARGET).hasSize(1);
      return found.getFirst();
    }
  }

  @Test
  void isOneArchitectureAllPackageThatNeedsAJava25Runtime() throws Exception {
    Tools.Result info = Tools.run("dpkg-deb", "--field", deb.toString(), "Package", "Architecture", "Depends");
    assertThat(info.out()).contains("Package: foresight", "Architecture: all")
        .containsPattern("Depends: temurin-25-jre \\| openjdk-25-jre-headless");
    assertThat(Tools.run("dpkg-deb", "--info", deb.toString()).out())
        .contains("conffiles", "postinst", "prerm", "postrm");
    assertThat(Tools.run("dpkg-deb", "--ctrl-tarfile", deb.toString()).code()).isZero();
  }

  @Test
  void installsTheLauncherJarsUnitConfigAndExamplesWhereDebianExpectsThem() throws Exception {
    List<String> lines = Tools.run("dpkg-deb", "--contents", deb.toString()).out().lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith("-rwxr-xr-x root/root") && l.endsWith(" ./usr/bin/foresight"));
    assertThat(lines).anyMatch(l -> l.startsWith("-rwxr-xr-x root/root") && l.endsWith(" ./usr/lib/foresight/setup-pi"));
    assertThat(lines).anyMatch(l -> l.endsWith(" ./usr/lib/foresight/lib/dev.foresight.foresight-cli.jar"));
    assertThat(lines).anyMatch(l -> l.endsWith(" ./usr/lib/foresight/plugins/dev.foresight.foresight-broker.jar"));
    assertThat(lines).anyMatch(l -> l.endsWith(" ./lib/systemd/system/foresight.service"));
    assertThat(lines).anyMatch(l -> l.endsWith(" ./etc/foresight/robot.yaml"));
    assertThat(lines).anyMatch(l -> l.endsWith(" ./usr/share/foresight/config/examples/pendulum-pi.yaml"));
    assertThat(lines).anyMatch(l -> l.endsWith(" ./usr/share/foresight/models/pendulum/pendulum-int8.onnx"));
    assertThat(lines).anyMatch(l -> l.endsWith(" ./usr/share/doc/foresight/copyright"));
    // The robot's jars only: no test jars, no build tools, nothing outside the image's lib/ and plugins/.
    assertThat(lines).noneMatch(l -> l.contains("-tests.jar") || l.contains("junit") || l.contains("/target/"));
    Path control = Files.createTempDirectory("foresight-control");
    Tools.run("dpkg-deb", "--control", deb.toString(), control.toString());
    assertThat(Files.readString(control.resolve("conffiles")).strip()).isEqualTo("/etc/foresight/robot.yaml");
  }

  @Test
  void lintianFindsNoErrors() throws Exception {
    Tools.Result r = Tools.run("lintian", "--fail-on", "error", "--suppress-tags",
        "jar-not-in-usr-share,unknown-java-class-version", deb.toString());
    assertThat(r.out().lines().filter(l -> l.startsWith("E:"))).as(r.out()).isEmpty();
    assertThat(r.code()).as(r.out() + r.err()).isZero();
  }

  @Test
  void systemdAnalyzeVerifiesTheUnitCleanAndRatesItsExposureOk(@TempDir Path root) throws Exception {
    Tools.run("dpkg-deb", "--extract", deb.toString(), root.toString());
    // The targets the unit refers to (multi-user.target, network-online.target) come from this machine's systemd.
    Path units = root.resolve("lib/systemd/system");
    try (var host = Files.list(Path.of("/lib/systemd/system"))) {
      for (Path unit : host.filter(p -> p.getFileName().toString().endsWith(".target")).toList()) {
        Files.copy(unit, units.resolve(unit.getFileName()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
      }
    }
    Tools.Result verify = Tools.run("systemd-analyze", "verify", "--man=no", "--root=" + root, "foresight.service");
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.err()).as("warnings (unknown keys, bad values)").isEmpty();
    Tools.Result security = Tools.run("systemd-analyze", "security", "--offline=yes", "--root=" + root,
        "--threshold=40", "--no-pager", "foresight.service");
    assertThat(security.code()).as(security.out() + security.err()).isZero();
    assertThat(security.out()).containsPattern("Overall exposure level for foresight.service: [0-3]\\.[0-9] OK");

    String unit = Files.readString(units.resolve("foresight.service"));
    assertThat(unit).contains("Type=notify", "WatchdogSec=", "WatchdogSignal=SIGTERM", "Restart=on-failure",
        "User=foresight", "ExecStart=/usr/bin/foresight run --config /etc/foresight/robot.yaml",
        "WorkingDirectory=/var/lib/foresight", "LimitRTPRIO=", "AmbientCapabilities=CAP_SYS_NICE");
  }

  @Test
  void maintainerScriptsAreValidShell(@TempDir Path dir) throws Exception {
    Tools.run("dpkg-deb", "--control", deb.toString(), dir.resolve("DEBIAN").toString());
    for (String script : List.of("postinst", "prerm", "postrm")) {
      Path file = dir.resolve("DEBIAN").resolve(script);
      assertThat(Files.isExecutable(file)).as(script).isTrue();
      assertThat(Files.readString(file)).as(script).startsWith("#!/bin/sh\n").contains("set -e");
      assertThat(Tools.run("dash", "-n", file.toString()).code()).as(script).isZero();
    }
  }

  @Test
  void theUnpackedPackageRunsVersionAndDoctorOnItsExample(@TempDir Path root) throws Exception {
    Tools.run("dpkg-deb", "--extract", deb.toString(), root.toString());
    Path foresight = root.resolve("usr/bin/foresight");
    Tools.Result version = Tools.foresight(foresight, "--version");
    assertThat(version.code()).as(version.err()).isZero();
    assertThat(version.out()).contains("foresight");
    Tools.Result doctor = Tools.foresight(foresight, "doctor", "--config",
        root.resolve("usr/share/foresight/config/examples/pendulum-learned.yaml").toString());
    assertThat(doctor.code()).as(doctor.out() + doctor.err()).isZero();
    assertThat(doctor.out()).contains("declares no devices", "nothing to check");
    Path examples = root.resolve("usr/share/foresight/config/examples");
    Tools.Result validate = Tools.foresight(foresight, "config", "validate",
        examples.resolve("pendulum-pi.yaml").toString(), examples.resolve("pendulum-learned.yaml").toString());
    assertThat(validate.code()).as(validate.out() + validate.err()).isZero();
    assertThat(validate.out()).contains("pendulum-pi.yaml: ok (robot pendulum-01", "pendulum-learned.yaml: ok");
  }

  @Test
  void theTarballHasTheSameLayoutUnderOnePrefixAndRuns(@TempDir Path dir) throws Exception {
    Tools.run("tar", "-xzf", tarball.toString(), "-C", dir.toString());
    Path prefix;
    try (var entries = Files.list(dir)) {
      prefix = entries.findFirst().orElseThrow();
    }
    assertThat(prefix.getFileName().toString()).startsWith("foresight-");
    assertThat(prefix.resolve("lib/foresight/lib/dev.foresight.foresight-cli.jar")).isRegularFile();
    assertThat(prefix.resolve("share/foresight/foresight.service")).isRegularFile();
    Tools.Result version = Tools.foresight(prefix.resolve("bin/foresight"), "--version");
    assertThat(version.code()).as(version.err()).isZero();
    assertThat(version.out()).contains("foresight");
  }

  @Test
  void setupPiRejectsAnUnknownOptionInOneLine(@TempDir Path root) throws Exception {
    Tools.run("dpkg-deb", "--extract", deb.toString(), root.toString());
    Tools.Result r = Tools.run(root.resolve("usr/lib/foresight/setup-pi").toString(), "--bogus");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("setup-pi: unknown option '--bogus'; use --config FILE\n");
    assertThat(Tools.run("dash", "-n", root.resolve("usr/lib/foresight/setup-pi").toString()).code()).isZero();
  }

  @Test
  void withoutAJava25TheLauncherSaysHowToInstallOne(@TempDir Path root) throws Exception {
    Tools.run("dpkg-deb", "--extract", deb.toString(), root.toString());
    ProcessBuilder pb = new ProcessBuilder(root.resolve("usr/bin/foresight").toString(), "--version");
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("FORESIGHT_JAVA_HOME");
    pb.environment().put("PATH", "/usr/bin:/bin");          // here its java is 17: too old, passed over
    pb.environment().put("FORESIGHT_JVM_DIRS", "/nonexistent");
    Tools.Result r = Tools.run(pb);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("foresight: no Java 25 runtime found")
        .contains("openjdk-25-jre-headless", "temurin-25-jre", "docs/deploy.md");
  }
}
