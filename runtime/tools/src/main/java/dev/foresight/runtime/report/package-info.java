/**
 * Pictures (tools plugin): line charts on one frame ({@link dev.foresight.runtime.report.ChartSheet},
 * XChart, PNG or SVG) for simulated trajectories, recorded runs, sim-vs-real comparisons and evaluation reports, and the HTML
 * replay of a rollout. Nothing a robot needs to control.
 */
package dev.foresight.runtime.report;
