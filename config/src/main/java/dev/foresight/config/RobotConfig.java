package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.control.ControllerConfig;
import dev.foresight.config.device.DeviceConfig;
import java.util.List;
import java.util.Optional;

/**
 * A whole robot: identity, loop, hardware, devices, named state and action variables, estimator,
 * controller, world model, safety, telemetry, recording and (for simulated hardware) the simulator.
 *
 * @param robot      identity of the robot
 * @param loop       control loop timing
 * @param hardware   which hardware the devices live on
 * @param devices    chips and pins, in declaration order
 * @param state      named state variables, in vector order
 * @param action     named action variables, in vector order
 * @param estimator  how the state is estimated from raw sensor values
 * @param controller the controller or planner that computes actions
 * @param model      the world model, when the controller uses one
 * @param safety     the safety supervisor's limits and reactions
 * @param telemetry  the MQTT operator link
 * @param link       who may command the robot over that link: operator keys, signatures, replay window
 * @param recording  per-tick recording to MCAP
 * @param trust      the world model's trust monitor
 * @param sim        the simulator driving emulated hardware, when {@code hardware.platform} is sim
 */
@JsonClassDescription("Foresight robot configuration")
public record RobotConfig(
    @JsonProperty(required = true) RobotInfo robot,
    LoopConfig loop,
    HardwareConfig hardware,
    @JsonPropertyDescription("Chips and pins the robot uses") List<DeviceConfig> devices,
    @JsonProperty(required = true) @JsonPropertyDescription("Named state variables, in vector order")
        List<StateVariable> state,
    @JsonProperty(required = true) @JsonPropertyDescription("Named action variables, in vector order")
        List<ActionVariable> action,
    EstimatorConfig estimator,
    @JsonProperty(required = true) ControllerConfig controller,
    Optional<ModelConfig> model,
    SafetyConfig safety,
    TelemetryConfig telemetry,
    @JsonPropertyDescription("Who may command the robot: operator keys, signed commands, the replay window")
        LinkConfig link,
    RecordingConfig recording,
    @JsonPropertyDescription("Trust in the world model: the monitor and its thresholds") TrustConfig trust,
    Optional<SimConfig> sim) {

  public RobotConfig {
    loop = loop != null ? loop : LoopConfig.DEFAULT;
    hardware = hardware != null ? hardware : HardwareConfig.DEFAULT;
    devices = devices != null ? List.copyOf(devices) : List.of();
    state = state != null ? List.copyOf(state) : List.of();
    action = action != null ? List.copyOf(action) : List.of();
    estimator = estimator != null ? estimator : EstimatorConfig.DEFAULT;
    model = model != null ? model : Optional.empty();
    safety = safety != null ? safety : SafetyConfig.DEFAULT;
    telemetry = telemetry != null ? telemetry : TelemetryConfig.DEFAULT;
    link = link != null ? link : LinkConfig.DEFAULT;
    recording = recording != null ? recording : RecordingConfig.DEFAULT;
    trust = trust != null ? trust : TrustConfig.DEFAULT;
    sim = sim != null ? sim : Optional.empty();
  }

  /** This config with another loop timing; everything else as it is. */
  public RobotConfig withLoop(LoopConfig loop) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another devices; everything else as it is. */
  public RobotConfig withDevices(List<DeviceConfig> devices) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another controller or planner; everything else as it is. */
  public RobotConfig withController(ControllerConfig controller) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another world model (empty: none); everything else as it is. */
  public RobotConfig withModel(Optional<ModelConfig> model) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another safety section; everything else as it is. */
  public RobotConfig withSafety(SafetyConfig safety) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another operator link; everything else as it is. */
  public RobotConfig withTelemetry(TelemetryConfig telemetry) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another link section (operator keys, signatures); everything else as it is. */
  public RobotConfig withLink(LinkConfig link) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another recording section; everything else as it is. */
  public RobotConfig withRecording(RecordingConfig recording) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another trust section; everything else as it is. */
  public RobotConfig withTrust(TrustConfig trust) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** This config with another simulator section (empty: none); everything else as it is. */
  public RobotConfig withSim(Optional<SimConfig> sim) {
    return new RobotConfig(robot, loop, hardware, devices, state, action, estimator, controller, model, safety,
        telemetry, link, recording, trust, sim);
  }

  /** State variable names in vector order. */
  public List<String> stateNames() {
    return state.stream().map(StateVariable::name).toList();
  }

  /** Action variable names in vector order. */
  public List<String> actionNames() {
    return action.stream().map(ActionVariable::name).toList();
  }

  /** Index of the named state variable, or -1. */
  public int stateIndex(String name) {
    return stateNames().indexOf(name);
  }

  /** Index of the named action variable, or -1. */
  public int actionIndex(String name) {
    return actionNames().indexOf(name);
  }

  /** The device with this name, if declared. */
  public Optional<DeviceConfig> device(String name) {
    return devices.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
