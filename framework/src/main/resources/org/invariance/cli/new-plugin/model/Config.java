package {{package}};

import org.invariance.config.InvalidConfig;

/**
 * The {@code {{name}}} model's keys besides {@code plugin}, {@code on} and {@code transform}
 * (snake_case in YAML). Every key that changes the trained model is part of its identity: the store
 * keeps one trained model per config, seed and data.
 *
 * @param temperature the softmax's temperature over the closeness to each class's mean (default 1)
 */
public record {{Name}}Config(Double temperature) {
  public {{Name}}Config {
    if (temperature == null) temperature = 1.0;
    // a mistake is an InvalidConfig naming its field: the user sees file:line:column: models.M.temperature: ...
    InvalidConfig.require(temperature > 0 && !temperature.isInfinite(), "temperature", "a positive number, got " + temperature);
  }
}
