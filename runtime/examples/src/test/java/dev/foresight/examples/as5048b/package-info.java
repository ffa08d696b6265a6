/**
 * The AS5048B as the config module knows it: its record, YAML {@code type: as5048b}, and its
 * checks ({@link dev.foresight.examples.as5048b.As5048bConfig.Type}).
 */
package dev.foresight.examples.as5048b;
