package org.invariance.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.multibindings.MapBinder;

/**
 * A plugin's Guice module, found through {@link java.util.ServiceLoader} (list it in
 * {@code META-INF/services/org.invariance.plugin.PluginModule}). In {@link #configure()} it
 * contributes its implementations by name; the core sees only the maps, never a plugin class.
 *
 * <pre>{@code
 * public final class AccuracyModule extends PluginModule {
 *   protected void configure() {
 *     probe("accuracy").to(AccuracyProbe.class);
 *     figures("accuracy").to(AccuracyFigures.class);
 *   }
 * }
 * }</pre>
 */
public abstract class PluginModule extends AbstractModule {
  static final TypeLiteral<Source<?>> SOURCE = new TypeLiteral<>() {};
  static final TypeLiteral<Transform<?>> TRANSFORM = new TypeLiteral<>() {};
  static final TypeLiteral<ModelPlugin<?>> MODEL = new TypeLiteral<>() {};
  static final TypeLiteral<Probe<?>> PROBE = new TypeLiteral<>() {};
  static final TypeLiteral<Figures> FIGURES = new TypeLiteral<>() {};
  static final TypeLiteral<Headlines> HEADLINES = new TypeLiteral<>() {};
  static final TypeLiteral<TrainingProbe> TRAINING_PROBE = new TypeLiteral<>() {};

  protected final LinkedBindingBuilder<Source<?>> source(String name) {
    return MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), SOURCE).addBinding(name);
  }

  protected final LinkedBindingBuilder<Transform<?>> transform(String name) {
    return MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), TRANSFORM).addBinding(name);
  }

  protected final LinkedBindingBuilder<ModelPlugin<?>> model(String name) {
    return MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), MODEL).addBinding(name);
  }

  protected final LinkedBindingBuilder<Probe<?>> probe(String name) {
    return MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PROBE).addBinding(name);
  }

  /** The figures drawn from the results of the probe plugin of the same name. */
  protected final LinkedBindingBuilder<Figures> figures(String probeName) {
    return MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), FIGURES).addBinding(probeName);
  }

  /** The headline numbers a sweep summarises across seeds, from the rows of the probe plugin of the same name. */
  protected final LinkedBindingBuilder<Headlines> headlines(String probeName) {
    return MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), HEADLINES).addBinding(probeName);
  }

  /** A light probe an experiment may run while its models train ({@code watch: {probes: [name]}}). */
  protected final LinkedBindingBuilder<TrainingProbe> trainingProbe(String name) {
    return MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), TRAINING_PROBE).addBinding(name);
  }
}
