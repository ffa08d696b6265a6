package dev.foresight.runtime.tools;

import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.runtime.learn.LearnException;
import dev.foresight.runtime.learn.RecordedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Recordings read for the learning commands, with their problems as one-line user errors. */
final class LearningInput {

  private LearningInput() {}

  /** Reads recordings for a learning command, as one-line user errors. */
  static RecordedData read(List<Path> data) throws IOException {
    try {
      return RecordedData.read(data);
    } catch (LearnException e) {
      throw new UserException(e.getMessage());
    }
  }

  /** Notes what reading the recordings skipped: cut-short files, non-finite ticks, gaps. */
  static void notes(RecordedData data, PrintWriter out) {
    for (RecordedData.FileReport f : data.files()) {
      f.damage().ifPresent(d -> out.printf("  note: %s: read up to the damage: %s%n", f.file(), d));
      if (f.nonFinite() > 0) {
        out.printf("  note: %s: dropped %d ticks with NaN or infinite values (transitions do not cross them)%n",
            f.file(), f.nonFinite());
      }
      if (f.gaps() > 0) out.printf("  note: %s: %d gaps in the ticks (drops); transitions do not cross them%n", f.file(), f.gaps());
    }
  }

  /** Refuses recordings whose variables or rate do not match the robot config the model is for. */
  static void matches(RecordedData data, RobotConfig config, Path configFile) {
    if (!data.stateNames().equals(config.stateNames())) {
      throw new UserException("the recordings' state variables " + data.stateNames() + " do not match "
          + configFile + "'s " + config.stateNames());
    }
    if (!data.actionNames().equals(config.actionNames())) {
      throw new UserException("the recordings' action variables " + data.actionNames() + " do not match "
          + configFile + "'s " + config.actionNames());
    }
    if (data.periodNs() != config.loop().periodNs()) {
      throw new UserException("the recordings step every " + data.dtS() + " s but " + configFile + " runs at "
          + config.loop().rateHz() + " Hz");
    }
  }
}
