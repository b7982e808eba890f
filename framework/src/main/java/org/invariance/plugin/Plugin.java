package org.invariance.plugin;

/**
 * What every plugin shares: the record its YAML section binds to. Keys of the section other than
 * {@code plugin} are bound to {@link #configType()} with snake_case names; unknown keys are errors.
 *
 * @param <C> the plugin's config record; {@link NoConfig} for none
 */
public interface Plugin<C> {
  Class<C> configType();
}
