package dev.foresight.runtime.loop;

/**
 * The setpoint and parameter changes operator commands made at the start of one tick, in the order
 * they were made: what a replay applies again at the same tick. Fixed capacity, allocation-free; a
 * tick's changes beyond {@link #CAPACITY} are counted in {@link #overflow()} (a recording then says
 * it cannot be replayed exactly from that tick).
 *
 * <pre>{@code
 * adjustable.setpoint(index, value);
 * loop.adjustments().setpoint(index, value);   // the same change, for the tick's frame
 * }</pre>
 */
public final class Adjustments {

  /** Changes kept per tick (four commands a tick, each a few variables). */
  public static final int CAPACITY = 16;

  /** A change of the controller's setpoint of a state variable. */
  public static final byte SETPOINT = 0;
  /** A change of one of the controller's parameters. */
  public static final byte PARAMETER = 1;

  private final byte[] kind = new byte[CAPACITY];
  private final int[] index = new int[CAPACITY];
  private final double[] value = new double[CAPACITY];
  private int size;
  private int overflow;

  /** Records a setpoint change of state variable {@code stateIndex}. */
  public void setpoint(int stateIndex, double v) {
    add(SETPOINT, stateIndex, v);
  }

  /** Records a change of parameter {@code parameterIndex} of the controller. */
  public void parameter(int parameterIndex, double v) {
    add(PARAMETER, parameterIndex, v);
  }

  /** Appends a change of {@code kind} ({@link #SETPOINT}, {@link #PARAMETER}). */
  public void add(byte k, int i, double v) {
    if (size == CAPACITY) {
      overflow++;
      return;
    }
    kind[size] = k;
    index[size] = i;
    value[size] = v;
    size++;
  }

  /** Forgets the changes (start of a tick). */
  public void clear() {
    size = 0;
    overflow = 0;
  }

  /** Changes recorded. */
  public int size() {
    return size;
  }

  /** Changes that did not fit. */
  public int overflow() {
    return overflow;
  }

  /** Kind of change {@code n}. */
  public byte kind(int n) {
    return kind[n];
  }

  /** State variable or parameter index of change {@code n}. */
  public int index(int n) {
    return index[n];
  }

  /** New value of change {@code n}. */
  public double value(int n) {
    return value[n];
  }

  /** Copies {@code from}'s changes into this one. Allocation-free. */
  public void copyFrom(Adjustments from) {
    size = from.size;
    overflow = from.overflow;
    System.arraycopy(from.kind, 0, kind, 0, size);
    System.arraycopy(from.index, 0, index, 0, size);
    System.arraycopy(from.value, 0, value, 0, size);
  }
}
