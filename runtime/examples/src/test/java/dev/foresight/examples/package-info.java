/**
 * The examples of docs/extending.md, compiled and run by the tests: a sensor (AS5048B) and an
 * actuator (DRV8830) added as device types, a plant (flywheel) and a controller, each found the
 * way a third-party jar's would be (test resources' META-INF/services). {@code ExtendingGuideTest}
 * checks that the snippets in the guide are these sources.
 */
package dev.foresight.examples;
