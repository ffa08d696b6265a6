package dev.foresight.models.onnx;

import dev.foresight.config.ModelConfig;
import dev.foresight.config.ModelConfig.ExecutionProvider;
import dev.foresight.config.ModelConfig.Optimization;

/**
 * How ONNX Runtime runs a model.
 *
 * @param intraOpThreads threads inside one operator (1 keeps a core free for the loop)
 * @param optimization   graph optimization level
 * @param provider       execution provider asked for; CPU is used when the build lacks it
 */
public record SessionSettings(int intraOpThreads, Optimization optimization, ExecutionProvider provider) {

  /** One thread, all optimizations, CPU. */
  public static final SessionSettings DEFAULT = new SessionSettings(1, Optimization.ALL, ExecutionProvider.CPU);

  /** The settings of a config's model section. */
  public static SessionSettings of(ModelConfig model) {
    return new SessionSettings(model.intraOpThreads(), model.optimization(), model.provider());
  }

  /** These settings with another thread count. */
  public SessionSettings withThreads(int threads) {
    return new SessionSettings(threads, optimization, provider);
  }
}
