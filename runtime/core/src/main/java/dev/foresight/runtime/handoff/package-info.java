/**
 * Lock-free hand-offs between the control thread and the threads around it. Two shapes, one
 * implementation each, both preallocated and allocation-free:
 * <ul>
 *   <li>{@link dev.foresight.runtime.handoff.SpscRing}: every item, in order, from one producer to
 *       one consumer, in slots filled in place; a full ring refuses the item and counts a drop, so
 *       the producer never waits (the loop's taps, the link's command and outcome queues);
 *   <li>{@link dev.foresight.runtime.handoff.SeqLock}: the latest value, replaced by one writer and
 *       copied out by readers, who retry (or come back later) when a write overlapped their copy
 *       (the loop's snapshot, the asynchronous planner's state and plan mailboxes, the event log's
 *       slots).
 * </ul>
 * Neither blocks: a thread that must not wait (the control thread) is a producer of a ring, a
 * writer of a lock, or a reader that uses {@code tryRead} and takes a busy answer as "next tick".
 */
package dev.foresight.runtime.handoff;
