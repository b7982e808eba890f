package org.invariance.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** All plugins on the class path, by kind and name, wired by Guice from their own modules. */
public final class PluginRegistry {
  private final Map<String, Source<?>> sources;
  private final Map<String, Transform<?>> transforms;
  private final Map<String, ModelPlugin<?>> models;
  private final Map<String, Probe<?>> probes;
  private final Map<String, Figures> figures;
  private final Map<String, Headlines> headlines;
  private final Map<String, TrainingProbe> trainingProbes;

  @Inject
  PluginRegistry(Map<String, Source<?>> sources, Map<String, Transform<?>> transforms, Map<String, ModelPlugin<?>> models,
      Map<String, Probe<?>> probes, Map<String, Figures> figures, Map<String, Headlines> headlines,
      Map<String, TrainingProbe> trainingProbes) {
    this.sources = Collections.unmodifiableMap(new TreeMap<>(sources));
    this.transforms = Collections.unmodifiableMap(new TreeMap<>(transforms));
    this.models = Collections.unmodifiableMap(new TreeMap<>(models));
    this.probes = Collections.unmodifiableMap(new TreeMap<>(probes));
    this.figures = Collections.unmodifiableMap(new TreeMap<>(figures));
    this.headlines = Collections.unmodifiableMap(new TreeMap<>(headlines));
    this.trainingProbes = Collections.unmodifiableMap(new TreeMap<>(trainingProbes));
  }

  /** Discovers every {@link PluginModule} on the class path. */
  public static PluginRegistry discover() {
    List<Module> modules = new ArrayList<>();
    ServiceLoader.load(PluginModule.class).forEach(modules::add);
    return of(modules);
  }

  /** A registry from explicit modules (tests, embedding). */
  public static PluginRegistry of(List<? extends Module> modules) {
    List<Module> all = new ArrayList<>(modules);
    all.add(new AbstractModule() {
      @Override
      protected void configure() {
        // declare the maps so they exist even when no plugin of a kind is present
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PluginModule.SOURCE);
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PluginModule.TRANSFORM);
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PluginModule.MODEL);
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PluginModule.PROBE);
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PluginModule.FIGURES);
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PluginModule.HEADLINES);
        MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), PluginModule.TRAINING_PROBE);
      }
    });
    Injector injector = Guice.createInjector(all);
    return injector.getInstance(PluginRegistry.class);
  }

  public Map<String, Source<?>> sources() { return sources; }
  public Map<String, Transform<?>> transforms() { return transforms; }
  public Map<String, ModelPlugin<?>> models() { return models; }
  public Map<String, Probe<?>> probes() { return probes; }
  /** Figures by the name of the probe plugin whose results they draw. */
  public Map<String, Figures> figures() { return figures; }
  /** Headline numbers by probe plugin name (a plugin without one: every row is a headline). */
  public Map<String, Headlines> headlines() { return headlines; }
  /** Light probes run while models train ({@code watch:}), by name. */
  public Map<String, TrainingProbe> trainingProbes() { return trainingProbes; }
}
