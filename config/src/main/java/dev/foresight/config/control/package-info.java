/**
 * Controller and planner settings, one record per controller type, selected in YAML by
 * {@code type}.
 */
package dev.foresight.config.control;
