package org.latentdyn.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The one entry point to the neural engine (Deep Java Library on PyTorch, CPU by default). Sets offline mode,
 * so nothing is downloaded at run time, and the PyTorch thread counts before the engine loads. Small MLPs run
 * fastest on one intra-op thread; override with {@code -Dai.djl.pytorch.num_threads=N}.
 */
public final class NeuralEngine {
  private NeuralEngine() {}

  private static volatile Engine engine;

  /** The PyTorch engine, initialised once. */
  public static Engine get() {
    Engine e = engine;
    if (e == null) {
      synchronized (NeuralEngine.class) {
        if (engine == null) {
          System.setProperty("ai.djl.offline", "true");
          if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
          }
          if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
          }
          engine = Engine.getEngine("PyTorch");
        }
        e = engine;
      }
    }
    return e;
  }

  /**
   * A new root manager on the engine's default device. Also switches gradient recording off for the calling
   * thread: PyTorch's grad mode is per thread and on by default, DJL switches it off only in the thread that
   * loaded the engine, and recording outside a gradient collector would turn the optimisers' in-place updates
   * into errors. Never call this inside a gradient collector.
   */
  public static NDManager newManager() {
    NDManager m = get().newBaseManager();
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    return m;
  }

  /** Number of native arrays alive in the whole engine (for soak tests of memory discipline). */
  public static int liveArrays() {
    try (NDManager probe = newManager()) {
      return probe.getParentManager().getManagedArrays().size();
    }
  }

  /** Engine name and version, for provenance. */
  public static String describe() {
    Engine e = get();
    return e.getEngineName() + " " + e.getVersion() + " on " + e.defaultDevice();
  }
}
