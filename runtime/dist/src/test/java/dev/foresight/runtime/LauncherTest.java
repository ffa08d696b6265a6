package dev.foresight.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher and the Maven wrapper find a JDK 25 the same way, or say how to get one. */
class LauncherTest {

  record Result(int code, String out, String err) {}

  static Result sh(Map<String, String> env, String script) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(TestConfigs.ROOT.toFile());
    pb.environment().remove("JAVA_HOME");
    pb.environment().remove("FORESIGHT_JAVA_HOME");
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out, err);
  }

  @Test
  void withoutAJdk25BothCommandsStopWithOneLineSayingHowToInstallOne() throws Exception {
    for (String command : List.of("./foresight --version", "./mvnw --version")) {
      Result r = sh(Map.of("FORESIGHT_JVM_DIRS", "/nonexistent"), command);
      assertThat(r.code()).as(command).isEqualTo(2);
      assertThat(r.err().lines().toList()).as(command).hasSize(1);
      assertThat(r.err()).as(command).startsWith("foresight: no JDK 25 found")
          .contains("sudo apt install openjdk-25-jdk", "Temurin 25", "adoptium.net");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void findsAJdk25InTheStandardFoldersWhenTheDefaultJavaIsOlder() throws Exception {
    Path jdk = Path.of(System.getProperty("java.home"));   // the JDK 25 running this test
    Result r = sh(Map.of("FORESIGHT_JVM_DIRS", "/nonexistent " + jdk), ". ./.mvn/find-jdk.sh && echo \"$JAVA_HOME\"");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().strip()).isEqualTo(jdk.toString());
  }

  @Test
  void respectsAJavaHomeThatIsAlreadyAJdk25() throws Exception {
    Path jdk = Path.of(System.getProperty("java.home"));
    Result r = sh(Map.of("JAVA_HOME", jdk.toString(), "FORESIGHT_JVM_DIRS", "/nonexistent"),
        ". ./.mvn/find-jdk.sh && echo \"$JAVA_HOME\"");
    assertThat(r.out().strip()).isEqualTo(jdk.toString());
  }
}
