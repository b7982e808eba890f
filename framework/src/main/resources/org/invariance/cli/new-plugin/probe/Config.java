package {{package}};

import java.util.ArrayList;
import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code {{name}}} probe's section: each component is a key (snake_case in YAML).
 *
 * @param reference the dataset every other is compared with (default: the transform's identity, "0" for rotation)
 * @param datasets the datasets compared with it (default: up to six of the transform's amounts, and "mix")
 * @param layers the layers measured, 1 being the input (default: every layer)
 */
public record {{Name}}Config(String reference, List<String> datasets, List<Integer> layers) {
  public {{Name}}Config {
    // a mistake is an InvalidConfig naming its field: the user sees file:line:column: probes.{{name}}.datasets.2: ...
    if (reference != null) DatasetSpec.parseAll(List.of(reference), "reference");
    if (datasets != null) DatasetSpec.parseAll(datasets, "datasets");
    InvalidConfig.require(datasets == null || !datasets.isEmpty(), "datasets", "name at least one dataset");
    if (layers != null) {
      for (int i = 0; i < layers.size(); i++) {
        InvalidConfig.require(layers.get(i) != null && layers.get(i) >= 1, "layers." + i, "layers are numbered from 1 (the input), got " + layers.get(i));
      }
    }
  }

  /** The defaults the probe's transform decides (its identity, its declared amounts), filled in when the experiment is loaded. */
  {{Name}}Config withDefaults(ProbeTransform transform) {
    List<String> d = datasets;
    if (d == null) {
      d = new ArrayList<>(transform.spread());
      d.add("mix");
    }
    return new {{Name}}Config(reference != null ? reference : transform.identityName("reference"), d, layers);
  }
}
