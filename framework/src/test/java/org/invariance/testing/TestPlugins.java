package org.invariance.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.invariance.experiment.InvalidConfig;
import org.invariance.model.Model;
import org.invariance.nn.Classifier;
import org.invariance.nn.Encoder;
import org.invariance.nn.SoftmaxHead;
import org.invariance.data.ImageOp;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.NoConfig;
import org.invariance.plugin.PluginModule;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.Transform;
import org.invariance.plugin.TrainingContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small plugins of every kind for framework tests: a transform that shifts images right by
 * {@code amount} pixels, trainers that build fixed models, and probes that write or fail.
 */
public final class TestPlugins extends PluginModule {
  @Override
  protected void configure() {
    transform("shift").to(Shift.class);
    model("fixed-encoder").to(FixedEncoder.class);
    model("fixed-head").to(FixedHead.class);
    probe("count").to(CountProbe.class);
    probe("fail").to(FailProbe.class);
  }

  /** Shifts each row right by round(amount) pixels, filling with 0. */
  public static final class Shift implements Transform<NoConfig> {
    @Override public Class<NoConfig> configType() { return NoConfig.class; }

    @Override
    public ImageOp prepare(NoConfig c, double amount, int w, int h) {
      int s = (int) Math.round(amount);
      return (src, so, dst, d) -> {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int sx = x - s;
            dst[d + y * w + x] = sx >= 0 && sx < w ? src[so + y * w + sx] : 0f;
          }
        }
      };
    }
  }

  /** Config of {@link FixedEncoder}. */
  public record EncoderConfig(@JsonProperty(required = true) Integer units, Double scale) {
    public EncoderConfig {
      if (scale == null) scale = 0.01;
      InvalidConfig.require(units != null && units > 0, "units", "must be positive");
    }
  }

  /** A one-layer encoder with weights (i + j) % 7 * scale - a deterministic "training". */
  public static final class FixedEncoder implements ModelPlugin<EncoderConfig> {
    @Override public Class<EncoderConfig> configType() { return EncoderConfig.class; }

    @Override
    public Model read(java.io.DataInputStream in, EncoderConfig c, Model upstream) throws java.io.IOException {
      return Encoder.read(in);
    }

    @Override
    public Model train(TrainingContext ctx, EncoderConfig c) {
      int in = ctx.trainImages().size();
      float[] w = new float[in * c.units()];
      for (int i = 0; i < in; i++) for (int j = 0; j < c.units(); j++) w[i * c.units() + j] = (float) (((i + j) % 7 - 3) * c.scale());
      try (var p = ctx.progress("fixed", 1)) {
        p.done(1);
      }
      return new Encoder(List.of(Nd4j.create(w, new long[] {in, c.units()}, 'c')), List.of(Nd4j.zeros(DataType.FLOAT, 1, c.units())));
    }
  }

  /** A head that always favours class 0 (so accuracy is the fraction of zeros). */
  public static final class FixedHead implements ModelPlugin<NoConfig> {
    @Override public Class<NoConfig> configType() { return NoConfig.class; }
    @Override public Upstream upstream() { return Upstream.REQUIRED; }

    @Override
    public Model read(java.io.DataInputStream in, NoConfig c, Model upstream) throws java.io.IOException {
      Encoder.read(in); // a Classifier stores its encoder too; the upstream's is the same
      return new Classifier((Encoder) upstream, new SoftmaxHead(org.nd4j.linalg.factory.Nd4j.read(in), org.nd4j.linalg.factory.Nd4j.read(in)));
    }

    @Override
    public Model train(TrainingContext ctx, NoConfig c) {
      Encoder e = (Encoder) ctx.upstream().orElseThrow();
      int f = e.sizes()[e.sizes().length - 1];
      var b = Nd4j.zeros(DataType.FLOAT, 1, 10);
      b.putScalar(0, 0, 5.0);
      return new Classifier(e, new SoftmaxHead(Nd4j.zeros(DataType.FLOAT, f, 10), b));
    }
  }

  /** Config of {@link CountProbe}. */
  public record CountConfig(List<String> datasets) {
    public CountConfig {
      if (datasets == null) datasets = List.of("0");
    }
  }

  /** Writes, per model and dataset, the accuracy and the number of images. */
  public static final class CountProbe implements Probe<CountConfig> {
    @Override public Class<CountConfig> configType() { return CountConfig.class; }

    @Override
    public void run(ProbeContext ctx, CountConfig c) {
      var out = ctx.results("amount");
      for (String m : ctx.models()) {
        for (String d : c.datasets()) {
          var a = ctx.activations(m, org.invariance.data.DatasetSpec.parse(d));
          out.row(m, a.dataset().name(), "accuracy", a.accuracy(), d);
          out.row(m, a.dataset().name(), "images", a.dataset().count(), d);
        }
      }
    }
  }

  /** Writes one row, then fails: what a crashing probe leaves behind. */
  public static final class FailProbe implements Probe<NoConfig> {
    @Override public Class<NoConfig> configType() { return NoConfig.class; }

    @Override
    public void run(ProbeContext ctx, NoConfig c) {
      ctx.results().row("none", "none", "before-failure", 1.0);
      ctx.results().flush();
      throw new IllegalStateException("this probe always fails");
    }
  }
}
