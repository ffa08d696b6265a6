package dev.foresight.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The physical parameters of one plant, in the plant's order. Immutable; {@link #with} makes a
 * copy with some values replaced, checking names and valid ranges.
 *
 * <pre>{@code
 * Parameters p = CartPole.PARAMETERS.with(Map.of("mass_pole", 0.2));
 * Plant heavier = new CartPole(p);
 * }</pre>
 */
public final class Parameters {

  private final String plant;
  private final List<Parameter> list;

  /**
   * @param plant the plant's name, for messages
   * @param list  the parameters with their values
   */
  public Parameters(String plant, List<Parameter> list) {
    this.plant = plant;
    this.list = List.copyOf(list);
  }

  /** The parameters in the plant's order. */
  public List<Parameter> list() {
    return list;
  }

  /** Parameter names in the plant's order. */
  public List<String> names() {
    return list.stream().map(Parameter::name).toList();
  }

  /** The named parameter's value. */
  public double get(String name) {
    return parameter(name).value();
  }

  /** The named parameter. */
  public Parameter parameter(String name) {
    for (Parameter p : list) {
      if (p.name().equals(name)) return p;
    }
    throw new IllegalArgumentException(unknown(name));
  }

  /** Whether the plant has a parameter of that name. */
  public boolean has(String name) {
    return list.stream().anyMatch(p -> p.name().equals(name));
  }

  /**
   * A copy with {@code values} replacing the named parameters.
   *
   * @throws IllegalArgumentException naming the parameter, when a name is unknown or a value is
   *                                  outside the parameter's valid range
   */
  public Parameters with(Map<String, Double> values) {
    for (String name : values.keySet()) {
      if (!has(name)) throw new IllegalArgumentException(unknown(name));
    }
    List<Parameter> replaced = new ArrayList<>(list.size());
    for (Parameter p : list) {
      Double v = values.get(p.name());
      if (v != null && !p.accepts(v)) {
        throw new IllegalArgumentException(p.name() + ": " + v + " " + p.unit() + " is not a valid value; it must be "
            + "finite and " + p.domain());
      }
      replaced.add(v == null ? p : p.withValue(v));
    }
    return new Parameters(plant, replaced);
  }

  /** The message for a name the plant does not have. */
  public String unknown(String name) {
    return "plant " + plant + " has no parameter '" + name + "' (it has " + String.join(", ", names()) + ")";
  }

  /** {@code name=value unit, ...}, for logs. */
  @Override
  public String toString() {
    return list.stream().map(p -> p.name() + "=" + p.value() + (p.unit().isEmpty() ? "" : " " + p.unit()))
        .collect(Collectors.joining(", "));
  }
}
