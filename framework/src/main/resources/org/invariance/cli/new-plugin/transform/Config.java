package {{package}};

import org.invariance.config.InvalidConfig;

/**
 * The {@code {{name}}} transform's keys besides {@code plugin} and {@code amounts} (snake_case in YAML).
 *
 * @param centre the value contrast is changed about, in [0, 1] (default 0.5)
 */
public record {{Name}}Config(Double centre) {
  public {{Name}}Config {
    if (centre == null) centre = 0.5;
    // a mistake is an InvalidConfig naming its field: the user sees file:line:column: transforms.{{name}}.centre: ...
    InvalidConfig.require(centre >= 0 && centre <= 1, "centre", "must be in [0, 1] (a pixel value), got " + centre);
  }
}
