package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A command's override changes one section of a config and leaves every other as it was. */
class RobotConfigTest {

  @Test
  void withReplacesOneSectionAndKeepsTheRest() throws ConfigException {
    LoadedConfig loaded = ConfigLoader.load(Path.of("examples/pendulum-mppi.yaml"));
    RobotConfig c = loaded.config();
    RobotConfig recording = c.withRecording(c.recording().withEnabled(true));
    assertThat(recording.recording().enabled()).isTrue();
    assertThat(recording.recording().dir()).isEqualTo(c.recording().dir());
    assertThat(recording).isEqualTo(new RobotConfig(c.robot(), c.loop(), c.hardware(), c.devices(), c.state(),
        c.action(), c.estimator(), c.controller(), c.model(), c.safety(), c.telemetry(), c.link(), recording.recording(),
        c.trust(), c.sim()));
    assertThat(c.withModel(Optional.empty()).model()).isEmpty();
    assertThat(c.withModel(Optional.empty()).controller()).isEqualTo(c.controller());

    LoadedConfig changed = loaded.withConfig(recording);
    assertThat(changed.file()).isEqualTo(loaded.file());
    assertThat(changed.sha256()).isEqualTo(loaded.sha256());
  }

  @Test
  void anEpisodeSimulatorIsSeededUnpacedAndStartsFromThePlantsOwnReset() throws ConfigException {
    SimConfig sim = ConfigLoader.load(Path.of("examples/pendulum-sim.yaml")).config().sim().orElseThrow();
    SimConfig episode = sim.forEpisode(42, Map.of());
    assertThat(episode.seed()).isEqualTo(42);
    assertThat(episode.paced()).isFalse();
    assertThat(episode.initialState()).isEmpty();
    assertThat(episode.devices()).isEqualTo(sim.devices());
    assertThat(episode.plant()).isEqualTo(sim.plant());
  }

  @Test
  void loopOverridesChangeOnlyWhatTheyName() {
    LoopConfig loop = new LoopConfig(100, PlanningMode.ASYNC, 30.0, 80, 1);
    LoopConfig inline = loop.withPlanning(PlanningMode.INLINE, 0).withScheduling(0, -1);
    assertThat(inline).isEqualTo(new LoopConfig(100, PlanningMode.INLINE, 0.0, 0, -1));
  }
}
