/**
 * The shutdown sequence ({@link dev.foresight.runtime.lifecycle.ShutdownSequence}): named steps in
 * stages (outputs safe, stop the loop, flush, notify operators, release), run once on every way out
 * (close, Ctrl-C, SIGTERM) within a time budget; a failing step is logged and the next one runs.
 */
package dev.foresight.runtime.lifecycle;
