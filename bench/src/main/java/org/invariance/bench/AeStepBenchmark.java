package org.invariance.bench;

import java.util.concurrent.TimeUnit;
import org.invariance.study.autoencoder.TiedAutoencoder;
import org.invariance.study.autoencoder.TiedAutoencoderStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steady-state AE training step under JMH, for its GC profiler: how many bytes of Java garbage
 * one step leaves (the native buffers are all preallocated; see {@link TiedAutoencoderStep}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AeStepBenchmark {
  private TiedAutoencoderStep step;

  @Setup
  public void setup() {
    TiedAutoencoder ae = TiedAutoencoder.init(Benchmarks.SIZES, 1, DataType.FLOAT);
    step = new TiedAutoencoderStep(ae, Benchmarks.BATCH, 0.9, 0.004);
    step.input().assign(Benchmarks.random(Benchmarks.BATCH, 784, 2));
    step.target().assign(step.input());
  }

  @Benchmark
  public void step() {
    step.step(0.01);
  }
}
