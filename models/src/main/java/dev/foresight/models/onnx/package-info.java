/**
 * ONNX Runtime sessions and ONNX graph building.
 *
 * <p>{@link dev.foresight.models.onnx.ModelSession} loads a model (threads, optimization level,
 * execution provider with CPU fallback; one-line {@link dev.foresight.models.onnx.ModelException}
 * for missing, empty, damaged or non-ONNX files); {@link dev.foresight.models.onnx.Binding} holds
 * fixed-shape inputs and outputs in native memory and runs without allocating.
 * {@link dev.foresight.models.onnx.OnnxGraph} builds graphs on the generated ONNX protobuf classes.
 *
 * <pre>{@code
 * try (ModelSession model = ModelSession.open(file, SessionSettings.DEFAULT);
 *      Binding b = model.bind(Map.of("state", new long[] {K, S}, "action", new long[] {K, A}),
 *          Map.of("next_state", new long[] {K, S}))) {
 *   b.write("state", states, 0, K * S);
 *   b.write("action", actions, 0, K * A);
 *   b.run();
 *   b.read("next_state", next, 0, K * S);
 * }
 * }</pre>
 */
package dev.foresight.models.onnx;
