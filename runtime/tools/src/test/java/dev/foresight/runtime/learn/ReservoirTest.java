package dev.foresight.runtime.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.learn.trainer.Transitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reservoir of the original data: uniform, bounded, seeded, and read back exactly. */
class ReservoirTest {

  @TempDir Path dir;

  static Transitions data(int n) {
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[n * 2];
    double[] u = new double[n];
    double[] next = new double[n * 2];
    int[] episodes = new int[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;                       // the row number, to see which rows were drawn
      x[2 * i + 1] = r.nextDouble(-1, 1);
      u[i] = r.nextDouble(-2, 2) / 3;
      next[2 * i] = r.nextGaussian();
      next[2 * i + 1] = Math.PI * r.nextDouble();
      episodes[i] = i / 100;
    }
    return new Transitions(List.of("theta", "theta_dot"), List.of("u"), new boolean[] {true, false}, x, u, next,
        episodes);
  }

  @Test
  void holdsAtMostItsCapacityAndEveryRowHasTheSameChance() {
    Transitions t = data(10_000);
    assertThat(Reservoir.sample(data(50), 0.05, "sha256:x", 100, 1).transitions().count()).isEqualTo(50);
    // Over many seeds, each tenth of the data fills about a tenth of the reservoir (uniform, not the first rows).
    int[] deciles = new int[10];
    int draws = 0;
    for (long seed = 1; seed <= 40; seed++) {
      Reservoir r = Reservoir.sample(t, 0.05, "sha256:x", 500, seed);
      assertThat(r.transitions().count()).isEqualTo(500);
      assertThat(r.seen()).isEqualTo(10_000);
      for (int i = 0; i < 500; i++) deciles[(int) r.transitions().states()[2 * i] / 1000]++;
      draws += 500;
    }
    for (int d : deciles) assertThat(d).isBetween(draws / 10 - 200, draws / 10 + 200);   // ~4.5 sigma
    // The same seed draws the same sample; another seed another one.
    assertThat(Reservoir.sample(t, 0.05, "x", 500, 7).transitions().states())
        .isEqualTo(Reservoir.sample(t, 0.05, "x", 500, 7).transitions().states())
        .isNotEqualTo(Reservoir.sample(t, 0.05, "x", 500, 8).transitions().states());
  }

  @Test
  void writesAndReadsBackExactly() throws Exception {
    Reservoir r = Reservoir.sample(data(3000), 0.05, "sha256:abc", 400, 2);
    Path file = dir.resolve("m-reservoir.csv");
    r.write(file);
    assertThat(Files.readAllLines(file).subList(0, 9)).containsExactly("# foresight reservoir 1", "# dt_s: 0.05",
        "# state_names: theta,theta_dot", "# action_names: u", "# wrapped: theta", "# trained_on: sha256:abc",
        "# seen: 3000", "# seed: 2", "episode,theta,theta_dot,u,next_theta,next_theta_dot");
    Reservoir back = Reservoir.read(file);
    assertThat(back.transitions().states()).isEqualTo(r.transitions().states());
    assertThat(back.transitions().actions()).isEqualTo(r.transitions().actions());
    assertThat(back.transitions().next()).isEqualTo(r.transitions().next());
    assertThat(back.transitions().episodes()).isEqualTo(r.transitions().episodes());
    assertThat(back.transitions().wrapped()).containsExactly(true, false);
    assertThat(back.dtS()).isEqualTo(0.05);
    assertThat(back.trainedOn()).isEqualTo("sha256:abc");
  }

  @Test
  void badFilesAreOneLineNamingTheFile() throws Exception {
    Path missing = dir.resolve("none.csv");
    assertThatThrownBy(() -> Reservoir.read(missing)).isInstanceOf(LearnException.class)
        .hasMessage(missing + ": file not found");
    Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
    assertThatThrownBy(() -> Reservoir.read(other)).hasMessage(other
        + ": not a foresight reservoir (the first line is not '# foresight reservoir 1')");
    Path file = dir.resolve("r.csv");
    Reservoir.sample(data(10), 0.05, "x", 10, 1).write(file);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.set(10, "0,1,2");
    Files.write(file, lines);
    assertThatThrownBy(() -> Reservoir.read(file)).hasMessage(file + ": line 11 has 3 values, not 6");
    lines.remove(1);
    Files.write(file, lines);
    assertThatThrownBy(() -> Reservoir.read(file)).hasMessage(file + ": the header has no 'dt_s'");
  }
}
