package org.invariance.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.data.IdxReader;
import org.invariance.data.ImageOp;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.NpmPackage;
import org.invariance.data.Split;
import org.invariance.model.Model;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.NoConfig;
import org.invariance.plugin.PluginModule;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.plugin.ReportContext;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;
import org.invariance.plugin.TrainingContext;
import org.invariance.plugin.TrainingProbe;
import org.invariance.plugin.Transform;
import org.invariance.results.Claim;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small plugins of every kind for framework tests: sources of synthetic bar images (in memory or
 * from IDX files), a transform that shifts images right by {@code amount} pixels, model plugins
 * that build fixed models, probes that write or fail, and figures that name the models they got.
 */
public final class TestPlugins extends PluginModule {
  /** The head of a small experiment on these plugins (100 bar images, shifts of 0, 1 and 2 pixels); tests append models and probes. */
  public static final String BARS = """
      name: bars
      seed: 3
      data: {plugin: test-digits, count: 100}
      transforms:
        shift: {amounts: [0, 1, 2]}
      """;

  @Override
  protected void configure() {
    source("test-digits").to(Digits.class);
    source("test-idx").to(Idx.class);
    transform("shift").to(Shift.class);
    transform("dim").to(Dim.class);
    model("fixed-encoder").to(FixedEncoder.class);
    model("fixed-head").to(FixedHead.class);
    model("scribble-head").to(ScribbleHead.class);
    probe("count").to(CountProbe.class);
    probe("fail").to(FailProbe.class);
    probe("scribble").to(ScribbleProbe.class);
    trainingProbe("mean-gap").to(MeanGap.class);
    figures("count").to(CountFigures.class);
  }

  /**
   * Config of {@link Digits}.
   *
   * @param count how many images
   * @param classes the class names; default "0".."9"
   * @param testFraction the last fraction of each class is the test split; default 0.3
   * @param name the data's name in results; default "BARS"
   */
  public record DigitsConfig(@JsonProperty(required = true) Integer count, List<String> classes, Double testFraction, String name) {
    public DigitsConfig {
      if (classes == null) classes = Images.numbered(10);
      if (testFraction == null) testFraction = 0.3;
      if (name == null) name = "BARS";
      InvalidConfig.require(count != null && count > 0, "count", "must be positive");
      InvalidConfig.require(!classes.isEmpty() && classes.size() <= 12, "classes", "1 to 12 classes (one bar column each), got " + classes.size());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < classes.size(); i++) InvalidConfig.require(seen.add(classes.get(i)), "classes." + i, "'" + classes.get(i) + "' is named twice");
      InvalidConfig.require(testFraction > 0 && testFraction < 1, "test_fraction", "must be between 0 and 1, got " + testFraction);
    }
  }

  /**
   * {@code count} synthetic 28x28 images, the same as {@link TestData#writeBars}: image i has class
   * c = i % classes and a vertical bar of 1.0 at column 4 + 2c, rows 4..23. Split by class.
   */
  public static final class Digits implements Source<DigitsConfig> {
    @Override public Class<DigitsConfig> configType() { return DigitsConfig.class; }

    @Override
    public Split load(SourceContext ctx, DigitsConfig c) {
      ctx.record("generator", "bars");
      return Split.stratified(bars(c.name(), c.count(), c.classes()), c.testFraction());
    }

    @Override
    public Optional<ImageShape> shape(DigitsConfig c, SourceContext ctx) {
      return Optional.of(ImageShape.grey(28, 28));
    }

    /** The bar images of {@link Digits}. */
    public static Images bars(String name, int count, List<String> classes) {
      float[] px = new float[count * 784];
      byte[] lb = new byte[count];
      for (int i = 0; i < count; i++) {
        int k = i % classes.size();
        lb[i] = (byte) k;
        for (int y = 4; y < 24; y++) px[i * 784 + y * 28 + 4 + 2 * k] = 1f;
      }
      return new Images(name, 28, 28, px, lb, classes);
    }
  }

  /** Config of {@link Idx}: an IDX images and labels file (relative to the experiment file). */
  public record IdxConfig(@JsonProperty(required = true) String images, @JsonProperty(required = true) String labels, Double testFraction) {
    public IdxConfig {
      if (testFraction == null) testFraction = 0.3;
      InvalidConfig.require(images != null && !images.isBlank(), "images", "required");
      InvalidConfig.require(labels != null && !labels.isBlank(), "labels", "required");
    }
  }

  /** Digits read with {@link IdxReader} from files named in the experiment; a missing file is reported at its key. */
  public static final class Idx implements Source<IdxConfig> {
    @Override public Class<IdxConfig> configType() { return IdxConfig.class; }

    @Override
    public Split load(SourceContext ctx, IdxConfig c) throws IOException {
      Path images = ctx.resolve(c.images());
      Path labels = ctx.resolve(c.labels());
      if (!Files.isRegularFile(images)) throw new InvalidConfig("images", "no such file: " + images);
      if (!Files.isRegularFile(labels)) throw new InvalidConfig("labels", "no such file: " + labels);
      ctx.record("images_sha256", NpmPackage.sha256(images));
      return Split.stratified(IdxReader.digits("IDX", images, labels), c.testFraction());
    }
  }

  /** Multiplies every value by the amount; declares no identity (as an outside transform may not). */
  public static final class Dim implements Transform<NoConfig> {
    @Override public Class<NoConfig> configType() { return NoConfig.class; }

    @Override
    public ImageOp prepare(NoConfig c, double amount, int w, int h) {
      return (src, so, dst, d) -> {
        for (int i = 0; i < w * h; i++) dst[d + i] = (float) (amount * src[so + i]);
      };
    }
  }

  /** Shifts each row right by round(amount) pixels, filling with 0. */
  public static final class Shift implements Transform<NoConfig> {
    @Override public Class<NoConfig> configType() { return NoConfig.class; }

    /** A shift by 0 pixels leaves the image as it is. */
    @Override public OptionalDouble identity(NoConfig c) { return OptionalDouble.of(0); }

    @Override
    public ImageOp prepare(NoConfig c, double amount, int w, int h) {
      int s = (int) Math.round(amount);
      if (Math.abs(s) >= w) throw new IllegalArgumentException("a shift of " + s + " pixels leaves nothing of a " + w + "-pixel-wide image");
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
    public Model read(DataInputStream in, EncoderConfig c, Model upstream) throws IOException {
      return TinyNet.read(in);
    }

    @Override public int layers(EncoderConfig c, int upstreamLayers) { return 2; }

    @Override
    public Model train(TrainingContext ctx, EncoderConfig c) {
      int in = ctx.trainImages().size();
      float[] w = new float[in * c.units()];
      for (int i = 0; i < in; i++) for (int j = 0; j < c.units(); j++) w[i * c.units() + j] = (float) (((i + j) % 7 - 3) * c.scale());
      INDArray target = Nd4j.create(w, new long[] {in, c.units()}, 'c');
      ctx.seed("fixed/init"); // asked as a trainer would, for provenance's seeds; the weights need none
      // "trained" in 4 iterations that grow the weights from 0 to their end, so a watch sees them change; loss 1 / iteration
      try (var p = ctx.progress("fixed", 4)) {
        for (int it = 0; it <= 4; it++) {
          double f = it / 4.0;
          if (it > 0) {
            p.value("loss", 1.0 / it);
            p.done(it);
          }
          ctx.watch(it, () -> TinyNet.encoder(List.of(target.mul(f)), List.of(Nd4j.zeros(DataType.FLOAT, 1, c.units()))));
        }
      }
      return TinyNet.encoder(List.of(target), List.of(Nd4j.zeros(DataType.FLOAT, 1, c.units())));
    }
  }

  /** A training probe: the mean activity on the transformed images less that on the originals. */
  public static final class MeanGap implements TrainingProbe {
    @Override public String metric() { return "mean_gap"; }

    @Override public double measure(INDArray original, INDArray transformed) {
      return transformed.meanNumber().doubleValue() - original.meanNumber().doubleValue();
    }
  }

  /** A head that always favours class 0 (so accuracy is the fraction of zeros). */
  public static final class FixedHead implements ModelPlugin<NoConfig> {
    @Override public Class<NoConfig> configType() { return NoConfig.class; }
    @Override public Upstream upstream() { return Upstream.REQUIRED; }
    @Override public int layers(NoConfig c, int upstreamLayers) { return upstreamLayers; }

    @Override
    public Model read(DataInputStream in, NoConfig c, Model upstream) throws IOException {
      TinyNet.read(in); // the head's model stores its layers too; the upstream's are the same
      return ((TinyNet) upstream).withHead(Nd4j.read(in), Nd4j.read(in));
    }

    @Override
    public Model train(TrainingContext ctx, NoConfig c) {
      TinyNet e = (TinyNet) ctx.upstream().orElseThrow();
      int f = e.layerSizes()[e.layers() - 1];
      int classes = ctx.trainImages().classes().size();
      var b = Nd4j.zeros(DataType.FLOAT, 1, classes);
      b.putScalar(0, 0, 5.0);
      return e.withHead(Nd4j.zeros(DataType.FLOAT, f, classes), b);
    }
  }

  /** A head that adds 1 to its upstream's first weights before it trains, as a careless fine-tuner would: the run must catch it. */
  public static final class ScribbleHead implements ModelPlugin<NoConfig> {
    private final FixedHead head = new FixedHead();

    @Override public Class<NoConfig> configType() { return NoConfig.class; }
    @Override public Upstream upstream() { return Upstream.REQUIRED; }
    @Override public int layers(NoConfig c, int upstreamLayers) { return upstreamLayers; }

    @Override
    public Model read(DataInputStream in, NoConfig c, Model upstream) throws IOException {
      return head.read(in, c, upstream);
    }

    @Override
    public Model train(TrainingContext ctx, NoConfig c) {
      ((TinyNet) ctx.upstream().orElseThrow()).weights().get(0).addi(1);
      return head.train(ctx, c);
    }
  }

  /** Config of {@link CountProbe}: its datasets default to the transform's identity. */
  public record CountConfig(List<String> datasets, List<Integer> layers) {}

  /** Writes, per model and dataset, the accuracy and the number of images. */
  public static final class CountProbe implements Probe<CountConfig> {
    @Override public Class<CountConfig> configType() { return CountConfig.class; }

    @Override
    public CountConfig withDefaults(CountConfig c, ProbeTransform t) {
      return c.datasets() != null ? c : new CountConfig(List.of(t.identityName("datasets")), c.layers());
    }

    @Override
    public Map<String, DatasetSpec> datasets(CountConfig c, ProbeTransform t) {
      return DatasetSpec.byField("datasets", c.datasets());
    }

    @Override
    public void run(ProbeContext ctx, CountConfig config) {
      CountConfig c = withDefaults(config, ctx.transform());
      ctx.seed("order"); // asked as a probe that draws would, for provenance's seeds
      var out = ctx.results("amount", "mix");
      for (String m : ctx.models()) {
        for (String d : c.datasets()) {
          var a = ctx.activations(m, DatasetSpec.parse(d));
          // a mixed dataset has no one amount: the mix names its transform
          String mix = a.dataset().spec().isMix() ? a.dataset().spec().transform() : null;
          out.row(m, a.dataset().name(), "accuracy", a.accuracy(), a.dataset().spec().amount(), mix);
          out.row(m, a.dataset().name(), "images", a.dataset().count(), a.dataset().spec().amount(), mix);
        }
      }
    }
  }

  /** Zeroes layer 2 of the activations it is lent at the identity, as a careless probe would: the framework must catch it. */
  public static final class ScribbleProbe implements Probe<NoConfig> {
    @Override public Class<NoConfig> configType() { return NoConfig.class; }

    @Override
    public void run(ProbeContext ctx, NoConfig c) {
      for (String m : ctx.models()) {
        try (var a = ctx.activations(m, DatasetSpec.at(0))) {
          a.layer(2).assign(0);
        }
        ctx.results().row(m, "scribbled", "rows", 1.0);
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

  /** One claim per model the report hands over, so a test can see which models a probe's figures got. */
  public static final class CountFigures implements Figures {
    @Override
    public void draw(ReportContext ctx) {
      for (String m : ctx.models()) {
        int rows = ctx.results().where("model", m).size();
        ctx.claim(new Claim("the probe measured the model", ctx.probeName(), m, rows + " rows", "> 0", rows > 0));
      }
    }
  }
}
