package {{package}};

import org.invariance.config.InvalidConfig;

/**
 * The {@code data:} section's keys for the {@code {{name}}} source, besides {@code plugin} and the
 * framework's {@code train_limit} and {@code test_limit} (snake_case in YAML).
 *
 * @param count images of each class (default 100)
 * @param size the images' width and height in pixels (default 28)
 * @param testFraction the last fraction of each class that is the test split (default 0.2)
 * @param name the data's name, the base of every dataset's name ({{Name}}_30, {{Name}}_mix; default "{{Name}}")
 */
public record {{Name}}Config(Integer count, Integer size, Double testFraction, String name) {
  public {{Name}}Config {
    if (count == null) count = 100;
    if (size == null) size = 28;
    if (testFraction == null) testFraction = 0.2;
    if (name == null) name = "{{Name}}";
    // a mistake is an InvalidConfig naming its field: the user sees file:line:column: data.count: ...
    InvalidConfig.require(count >= 2 && count <= 100_000, "count", "2 to 100000 images of each class, got " + count);
    InvalidConfig.require(size >= 2 && size <= 1024, "size", "2 to 1024 pixels, got " + size);
    InvalidConfig.require(testFraction > 0 && testFraction < 1, "test_fraction", "a number between 0 and 1, got " + testFraction);
  }
}
