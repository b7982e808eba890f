package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariance.data.ImageShape;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.ExperimentLoaderTest;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What validate and the run check before any data loads, on the data's shape as its source tells it (28 x 28 bars here). */
class PreflightTest {
  @TempDir Path dir;

  private Experiment load(String text) throws Exception {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, text);
    return new ExperimentLoader(ExperimentLoaderTest.PLUGINS).load(f);
  }

  @Test
  void aValidExperimentPassesAndTellsTheDataShape() throws Exception {
    assertEquals(ImageShape.grey(28, 28), Preflight.check(load(ExperimentLoaderTest.VALID), ExperimentLoaderTest.PLUGINS, dir).orElseThrow());
  }

  // a shift of 30 pixels leaves nothing of a 28-pixel-wide image: refused at the amount's line, before any data loads
  @Test
  void aDeclaredAmountTheTransformCannotMakeOnTheDataIsAtItsLine() throws Exception {
    Experiment e = load(ExperimentLoaderTest.VALID.replace("amounts: [-2, 0, 2]", "amounts: [-2, 0, 2, 30]"));
    ConfigException x = assertThrows(ConfigException.class, () -> Preflight.check(e, ExperimentLoaderTest.PLUGINS, dir));
    assertEquals(8, x.line(), x.getMessage());
    assertEquals("transforms.shift.amounts[3]", x.field());
    assertTrue(x.problem().contains("cannot make amount 30 of 1x28x28 images: a shift of 30 pixels leaves nothing"), x.getMessage());
  }

  // the probe's datasets, defaults included, are prepared too: a default at the identity on a shape the transform refuses
  @Test
  void aProbeDefaultIsPreparedAndNamedAsADefault() throws Exception {
    Experiment e = load(ExperimentLoaderTest.VALID.replace("    datasets: [\"0\", \"mix\"]\n", "").replace("  count: 40", "  count: 40\n  name: BARS"));
    Preflight.check(e, ExperimentLoaderTest.PLUGINS, dir);
    assertEquals(List.of("0"), ((TestPlugins.CountConfig) e.probes().get("count").use().config()).datasets(),
        "the default resolved at load: the shift's identity");
  }
}
