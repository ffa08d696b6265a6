package dev.foresight.runtime.cli;

import com.pi4j.context.Context;
import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.Platform;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.I2cDeviceConfig;
import dev.foresight.config.sim.SimFaultConfig;
import dev.foresight.config.sim.SimFaultKind;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.doctor.Doctor;
import dev.foresight.drivers.doctor.DoctorReport;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.SimPlants;
import dev.foresight.runtime.io.DeviceIoAssembly;
import dev.foresight.runtime.io.Pi4jContexts;
import dev.foresight.runtime.time.SystemClock;
import dev.foresight.sim.hardware.SimHardware;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code foresight doctor --config FILE}: is every configured device there, the right chip, working and safe? */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check every device of a robot config: scan the I2C buses, read identity registers, take a "
        + "timed sample reading, put every output in its safe state and read it back.",
        "Works on a Raspberry Pi (hardware.platform: raspberrypi) and against the simulator's emulated chips "
            + "(platform: sim), where --unplug shows what a missing wire looks like.",
        "Exits 0 when every required device is ok, 1 when one is not."})
final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Robot config (YAML).")
  Path config;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--unplug", paramLabel = "DEVICE", split = ",",
      description = "Simulation only: take these I2C devices off the bus, as if a wire were missing.")
  List<String> unplug = List.of();

  @Override
  public Integer call() throws ConfigException {
    LoadedConfig loaded = ConfigLoader.load(config);
    RobotConfig robot = loaded.config();
    PrintWriter out = spec.commandLine().getOut();
    if (robot.devices().isEmpty()) {
      out.printf("foresight doctor: %s declares no devices (plant.* sources are the simulator's own); nothing to "
          + "check%n", RunSession.display(config));
      out.flush();
      return ExitCodes.OK;
    }
    SystemClock clock = new SystemClock();
    Optional<SimHardware> sim = Optional.empty();
    Context pi4j;
    try {
      if (robot.hardware().platform() == Platform.SIM) {
        SimHardware hardware = DeviceIoAssembly.simulate(robot, SimPlants.create(robot, robot.loop().periodNs()).plant(),
            clock::nanoTime);
        for (String name : unplug) hardware.inject(unplugFault(robot, name));
        sim = Optional.of(hardware);
        pi4j = Pi4jContexts.simulated(hardware);
      } else {
        if (!unplug.isEmpty()) throw new UserException("--unplug works only with hardware.platform: sim; on a Pi, unplug the wire");
        pi4j = DeviceIoAssembly.raspberryPi();
      }
    } catch (AssemblyException e) {
      if (robot.hardware().platform() == Platform.SIM) throw new UserException(RunSession.display(config) + ": " + e.getMessage());
      spec.commandLine().getErr().println("foresight: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return ExitCodes.FAILURE;
    }
    DoctorReport report;
    try {
      report = Doctor.examine(robot, new DriverContext(pi4j, clock::nanoTime, robot.hardware().defaultBus()));
    } catch (IllegalArgumentException e) {
      throw new UserException(RunSession.display(config) + ": " + e.getMessage());   // a driver jar is missing
    } finally {
      pi4j.shutdown();
    }
    String where = sim.isPresent() ? "simulated hardware, seed " + robot.sim().orElseThrow().seed()
        + (unplug.isEmpty() ? "" : ", unplugged: " + String.join(", ", unplug)) : "Raspberry Pi";
    if (json) {
      out.println(DoctorOutput.json(loaded, where, report));
    } else {
      for (String line : DoctorOutput.table(loaded, RunSession.display(config), where, report)) out.println(line);
    }
    out.flush();
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private static SimFaultConfig unplugFault(RobotConfig robot, String name) {
    DeviceConfig device = robot.device(name).orElseThrow(() -> new UserException("--unplug " + name
        + ": no device named '" + name + "'; devices are " + String.join(", ",
        robot.devices().stream().map(DeviceConfig::name).toList())));
    if (!(device instanceof I2cDeviceConfig)) {
      throw new UserException("--unplug " + name + ": only I2C devices can be unplugged (the bus notices them gone); '"
          + name + "' is a " + device.type());
    }
    return new SimFaultConfig(Optional.of(name), SimFaultKind.NACK, 0.0, Optional.empty(), Optional.empty());
  }
}
