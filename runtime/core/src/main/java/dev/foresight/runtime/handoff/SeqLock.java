package dev.foresight.runtime.handoff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A value one writer replaces and readers copy out, under a sequence lock: the writer makes the
 * version odd, writes the value in place and makes the version even again; a reader copies the
 * value and keeps the copy only if the version was even and unchanged around it. The writer never
 * waits for a reader and nobody allocates; a reader that raced a write retries (or, with
 * {@link #tryRead}, comes back later). For "the latest" rather than "every": the loop's snapshot,
 * the state and plan mailboxes of the asynchronous planner, the event log's slots.
 *
 * <pre>{@code
 * SeqLock<double[]> latest = new SeqLock<>(new double[3], (from, to) -> System.arraycopy(from, 0, to, 0, 3));
 * double[] v = latest.beginWrite();      // the writer fills the value in place
 * v[0] = x; v[1] = y; v[2] = z;
 * latest.endWrite();
 * double[] mine = new double[3];         // a reader
 * long version = latest.tryRead(mine);   // SeqLock.BUSY: try again later
 * }</pre>
 *
 * <p>One writer at a time (the caller ensures it). The copier reads a value that may be changing
 * under it: it must only copy fields and array elements (no sizes read from the value, nothing
 * that can throw on a half-written source); a torn copy is detected and never returned as good.
 *
 * @param <T> the value type, preallocated
 */
public final class SeqLock<T> {

  /** What {@link #tryRead} returns when a write was in progress or happened during the copy. */
  public static final long BUSY = -1;

  /** Copies a value (all of it) into another of the same shape. */
  @FunctionalInterface
  public interface Copier<T> {
    /** Copies {@code from} into {@code to}; plain field and array copies only. */
    void copy(T from, T to);
  }

  private static final VarHandle VERSION;

  static {
    try {
      VERSION = MethodHandles.lookup().findVarHandle(SeqLock.class, "version", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final T value;
  private final Copier<? super T> copier;
  @SuppressWarnings("unused") private volatile long version;   // even: stable; odd: being written

  /**
   * @param value  the shared value, owned by this lock from now on (version 0 until the first write)
   * @param copier copies a value into a reader's copy
   */
  public SeqLock(T value, Copier<? super T> copier) {
    this.value = value;
    this.copier = copier;
  }

  /** Writer: opens a write and returns the value to fill in place; {@link #endWrite()} closes it. */
  public T beginWrite() {
    VERSION.setOpaque(this, (long) VERSION.getOpaque(this) + 1);
    VarHandle.storeStoreFence();   // the odd version is visible before any of the value's new fields
    return value;
  }

  /** Writer: publishes what was written since {@link #beginWrite()}. */
  public void endWrite() {
    VERSION.setRelease(this, (long) VERSION.getOpaque(this) + 1);
  }

  /** Writer: replaces the value by a copy of {@code from}. */
  public void write(T from) {
    copier.copy(from, beginWrite());
    endWrite();
  }

  /**
   * Reader: one attempt to copy the value into {@code into}.
   *
   * @return the version copied (even; 0 before the first write), or {@link #BUSY} when a write was
   *     in progress or overlapped the copy (then {@code into} holds nothing usable)
   */
  public long tryRead(T into) {
    long before = (long) VERSION.getAcquire(this);
    if ((before & 1) != 0) return BUSY;
    copier.copy(value, into);
    VarHandle.loadLoadFence();     // the copy's reads happen before the version is read again
    return (long) VERSION.getOpaque(this) == before ? before : BUSY;
  }

  /**
   * Reader: copies the value into {@code into}, spinning while a write is in progress (a write is
   * one copy long: readers that can wait that long).
   *
   * @return the version copied (even; 0 before the first write)
   */
  public long read(T into) {
    for (long v; ; Thread.onSpinWait()) {
      if ((v = tryRead(into)) != BUSY) return v;
    }
  }

  /** The current version: even and unchanged means nothing new was written since it was read. */
  public long version() {
    return (long) VERSION.getAcquire(this);
  }
}
