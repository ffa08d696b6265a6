package dev.foresight.runtime.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A throw-away certificate authority made with openssl: a CA, a broker certificate, client certificates. */
public final class Pki {

  private final Path dir;

  public Pki(Path dir) throws IOException, InterruptedException {
    this.dir = dir;
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
        "-subj", "/CN=Foresight Test CA", "-keyout", path("ca.key"), "-out", path("ca.pem"));
  }

  /** A certificate signed by the CA: {@code name.pem} and its PKCS#8 key {@code name.key}. */
  public void issue(String name, String commonName, String subjectAltName) throws IOException, InterruptedException {
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=" + commonName,
        "-keyout", path(name + ".key"), "-out", path(name + ".csr"));
    Path ext = dir.resolve(name + ".ext");
    Files.writeString(ext, subjectAltName.isEmpty() ? "basicConstraints=CA:FALSE\n"
        : "subjectAltName=" + subjectAltName + "\n");
    openssl("x509", "-req", "-in", path(name + ".csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
        "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", path(name + ".pem"));
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  private String path(String name) {
    return dir.resolve(name).toString();
  }

  private static void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("openssl " + String.join(" ", args) + ": " + out);
  }
}
