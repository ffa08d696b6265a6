package dev.foresight.runtime.learn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The standard ONNX checker ({@code onnx.checker.check_model} with {@code full_check}, which also
 * infers every shape), run with the system's Python and its {@code onnx} package (Debian:
 * {@code python3-onnx}). A development-time check of exported files: Foresight itself never needs
 * Python, so a machine without it gets {@link Verdict#UNAVAILABLE} and a note, not an error.
 */
public final class OnnxChecker {

  /** How a check came out. */
  public enum Verdict { PASSED, FAILED, UNAVAILABLE }

  /**
   * @param verdict what the checker said
   * @param detail  its message when it failed, or why it could not run
   */
  public record Result(Verdict verdict, String detail) {
    /** One phrase for reports: {@code passed}, {@code FAILED: ...}, {@code not run (...)}. */
    public String describe() {
      return switch (verdict) {
        case PASSED -> "passed";
        case FAILED -> "FAILED: " + detail;
        case UNAVAILABLE -> "not run (" + detail + ")";
      };
    }
  }

  private static final String SCRIPT = "import sys\n"
      + "try:\n"
      + "    import onnx\n"
      + "except ImportError:\n"
      + "    print('python3-onnx is not installed'); sys.exit(3)\n"
      + "try:\n"
      + "    onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)\n"
      + "except Exception as e:\n"
      + "    print(str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__); sys.exit(1)\n"
      + "print('onnx ' + onnx.__version__)\n";

  private OnnxChecker() {}

  /** Checks {@code model} with {@code /usr/bin/python3} (or {@code python3} on the PATH). */
  public static Result check(Path model) {
    Path python = Path.of("/usr/bin/python3");
    String exe = Files.isExecutable(python) ? python.toString() : "python3";
    try {
      Process p = new ProcessBuilder(exe, "-c", SCRIPT, model.toAbsolutePath().toString()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(Verdict.UNAVAILABLE, "the checker did not finish in 120 s");
      }
      return switch (p.exitValue()) {
        case 0 -> new Result(Verdict.PASSED, out);
        case 3 -> new Result(Verdict.UNAVAILABLE, out);
        default -> new Result(Verdict.FAILED, out);
      };
    } catch (IOException e) {
      return new Result(Verdict.UNAVAILABLE, "python3 not found");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Verdict.UNAVAILABLE, "interrupted");
    }
  }
}
