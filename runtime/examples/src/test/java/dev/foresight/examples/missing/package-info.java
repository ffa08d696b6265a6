/**
 * Device types with parts missing, as when a jar is left off the class path: assembly stops with
 * one line naming the factory to add.
 */
package dev.foresight.examples.missing;
