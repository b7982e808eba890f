package org.invariance.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.MapBinderBinding;
import com.google.inject.multibindings.MultibinderBinding;
import com.google.inject.multibindings.MultibindingsTargetVisitor;
import com.google.inject.multibindings.OptionalBinderBinding;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.LinkedKeyBinding;
import com.google.inject.spi.Message;
import com.google.inject.spi.ProviderInstanceBinding;
import com.google.inject.spi.ProviderKeyBinding;
import com.google.inject.util.Types;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All plugins on the class path, by kind and name, wired by Guice from their own modules.
 *
 * <p>Each module is wired on its own, so whatever goes wrong is said of the plugin at fault, in one
 * line naming its module and jar ({@link PluginException}): a module that cannot be loaded or
 * created (its static initialiser or constructor threw, its class is missing), a {@code configure()}
 * that throws, a plugin class whose constructor throws, and a name two modules both register.
 */
public final class PluginRegistry {
  /** Where {@link ServiceLoader} finds the modules. */
  static final String SERVICE = "META-INF/services/" + PluginModule.class.getName();

  /** The kinds of plugin, each with the word a message names it by. */
  private record Kind(String word, TypeLiteral<?> type) {}

  private static final List<Kind> KINDS = List.of(new Kind("source", PluginModule.SOURCE), new Kind("transform", PluginModule.TRANSFORM),
      new Kind("model", PluginModule.MODEL), new Kind("probe", PluginModule.PROBE), new Kind("figures", PluginModule.FIGURES),
      new Kind("headlines", PluginModule.HEADLINES), new Kind("training probe", PluginModule.TRAINING_PROBE));

  /**
   * Guice logs (java.util.logging, INFO, with the stack trace) every exception a module's
   * configure() throws before it reports it; the registry says it once, in one line. Held here:
   * java.util.logging keeps loggers only weakly.
   */
  private static final Logger GUICE_MESSAGES = Logger.getLogger(Guice.class.getName()); // MessageProcessor logs under Guice's name

  static {
    GUICE_MESSAGES.setLevel(Level.WARNING);
  }

  /** Declares every map, so each exists even when no plugin of a kind is present. */
  private static final Module MAPS = new AbstractModule() {
    @Override
    protected void configure() {
      for (Kind k : KINDS) MapBinder.newMapBinder(binder(), TypeLiteral.get(String.class), k.type());
    }
  };

  private final Map<String, Source<?>> sources;
  private final Map<String, Transform<?>> transforms;
  private final Map<String, ModelPlugin<?>> models;
  private final Map<String, Probe<?>> probes;
  private final Map<String, Figures> figures;
  private final Map<String, Headlines> headlines;
  private final Map<String, TrainingProbe> trainingProbes;

  @SuppressWarnings("unchecked")
  private PluginRegistry(Map<TypeLiteral<?>, Map<String, Object>> byKind) {
    this.sources = view((Map<String, Source<?>>) (Map<String, ?>) byKind.get(PluginModule.SOURCE));
    this.transforms = view((Map<String, Transform<?>>) (Map<String, ?>) byKind.get(PluginModule.TRANSFORM));
    this.models = view((Map<String, ModelPlugin<?>>) (Map<String, ?>) byKind.get(PluginModule.MODEL));
    this.probes = view((Map<String, Probe<?>>) (Map<String, ?>) byKind.get(PluginModule.PROBE));
    this.figures = view((Map<String, Figures>) (Map<String, ?>) byKind.get(PluginModule.FIGURES));
    this.headlines = view((Map<String, Headlines>) (Map<String, ?>) byKind.get(PluginModule.HEADLINES));
    this.trainingProbes = view((Map<String, TrainingProbe>) (Map<String, ?>) byKind.get(PluginModule.TRAINING_PROBE));
  }

  private static <V> Map<String, V> view(Map<String, V> m) {
    return Collections.unmodifiableMap(new TreeMap<>(m));
  }

  /**
   * Discovers every {@link PluginModule} on the class path (the thread's context class loader).
   *
   * @throws PluginException naming the plugin, its jar and what went wrong, in one line
   */
  public static PluginRegistry discover() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) loader = ClassLoader.getSystemClassLoader();
    List<Module> modules = new ArrayList<>();
    Iterator<PluginModule> it = ServiceLoader.load(PluginModule.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) break;
        modules.add(it.next());
      } catch (ServiceConfigurationError e) {
        throw notLoaded(e, loader);
      }
    }
    return of(modules);
  }

  /**
   * A registry from explicit modules (tests, embedding), each wired on its own.
   *
   * @throws PluginException naming the module, its jar and what went wrong, in one line
   */
  public static PluginRegistry of(List<? extends Module> modules) {
    Map<TypeLiteral<?>, Map<String, Object>> byKind = new LinkedHashMap<>();
    Map<TypeLiteral<?>, Map<String, Module>> from = new LinkedHashMap<>();
    for (Kind k : KINDS) {
      byKind.put(k.type(), new LinkedHashMap<>());
      from.put(k.type(), new LinkedHashMap<>());
    }
    for (Module m : modules) {
      Injector injector;
      try {
        injector = Guice.createInjector(m, MAPS);
      } catch (CreationException e) {
        throw failed(m, guiceReason(e.getErrorMessages(), e), e);
      } catch (RuntimeException | LinkageError e) {
        throw failed(m, reason(e), e);
      }
      for (Kind k : KINDS) {
        for (Map.Entry<?, Binding<?>> entry : entries(injector, k)) {
          String name = String.valueOf(entry.getKey());
          Module earlier = from.get(k.type()).get(name);
          if (earlier != null) {
            throw new PluginException(k.word() + " '" + name + "' is registered by two plugins: " + where(earlier) + " and " + where(m), null);
          }
          Class<?> type = target(entry.getValue());
          Object plugin;
          try {
            plugin = entry.getValue().getProvider().get();
          } catch (RuntimeException | LinkageError e) {
            Class<?> thrower = type != null ? type : constructed(e);
            throw failed(m, k.word() + " '" + name + "'" + (thrower == null ? "" : " (" + PluginException.className(thrower) + ")") + ": " + reason(e), e);
          }
          byKind.get(k.type()).put(name, plugin);
          from.get(k.type()).put(name, m);
        }
      }
    }
    return new PluginRegistry(byKind);
  }

  /** A module's contributions of one kind: name and binding, as it registered them. */
  private static List<Map.Entry<?, Binding<?>>> entries(Injector injector, Kind k) {
    @SuppressWarnings("unchecked")
    Binding<Object> map = (Binding<Object>) (Binding<?>) injector.getExistingBinding(Key.get(Types.mapOf(String.class, k.type().getType())));
    if (map == null) return List.of();
    MapBinderBinding<?> b = map.acceptTargetVisitor(new MapBindings());
    return b == null ? List.of() : b.getEntries();
  }

  /** Finds the {@link MapBinderBinding} behind a map's binding. */
  private static final class MapBindings extends DefaultBindingTargetVisitor<Object, MapBinderBinding<?>>
      implements MultibindingsTargetVisitor<Object, MapBinderBinding<?>> {
    @Override public MapBinderBinding<?> visit(MultibinderBinding<?> multibinding) { return null; }

    @Override public MapBinderBinding<?> visit(MapBinderBinding<?> mapbinding) { return mapbinding; }

    @Override public MapBinderBinding<?> visit(OptionalBinderBinding<?> optionalbinding) { return null; }
  }

  /** The class a binding makes (its {@code to(...)}), or null when it does not say. */
  private static Class<?> target(Binding<?> b) {
    if (b instanceof LinkedKeyBinding<?> l) return l.getLinkedKey().getTypeLiteral().getRawType();
    if (b instanceof InstanceBinding<?> i) return i.getInstance() == null ? null : i.getInstance().getClass();
    if (b instanceof ProviderInstanceBinding<?> p) return p.getUserSuppliedProvider().getClass();
    if (b instanceof ProviderKeyBinding<?> p) return p.getProviderKey().getTypeLiteral().getRawType();
    return null;
  }

  /** The class whose constructor or static initialiser threw, from the stack (the frame nearest the reflection that called it). */
  private static Class<?> constructed(Throwable e) {
    Throwable t = PluginException.unwrap(e);
    String name = null;
    for (StackTraceElement f : t.getStackTrace()) {
      String c = f.getClassName();
      if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("com.google.inject.")) break;
      if (f.getMethodName().equals("<init>") || f.getMethodName().equals("<clinit>")) name = c;
    }
    if (name == null) return null;
    try {
      ClassLoader l = Thread.currentThread().getContextClassLoader();
      return Class.forName(name, false, l != null ? l : PluginRegistry.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError notFound) {
      return null;
    }
  }

  /** A module that failed: {@code plugin module org.x.FooModule (in /x/foo.jar) failed to load: <why>}. */
  private static PluginException failed(Module m, String why, Throwable cause) {
    return new PluginException("plugin module " + m.getClass().getName() + in(PluginException.jar(m.getClass()), "in") + " failed to load: " + why, cause);
  }

  /** {@code /x/foo.jar (org.x.FooModule)}. */
  private static String where(Module m) {
    Path jar = PluginException.jar(m.getClass());
    return (jar == null ? "an unknown place" : jar.toString()) + " (" + m.getClass().getName() + ")";
  }

  private static String in(Path jar, String word) {
    return jar == null ? "" : " (" + word + " " + jar + ")";
  }

  /** What an exception from a plugin's code says, and where it came from when that is not its constructor. */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ExceptionInInitializerError) return PluginException.message(e) + " (in a static initialiser)";
      if (t == t.getCause()) break;
    }
    return PluginException.message(e);
  }

  /** Guice's many lines made one: the first error's cause, or its message without Guice's tag. */
  private static String guiceReason(Collection<Message> messages, Throwable fallback) {
    for (Message m : messages) {
      if (m.getCause() != null) return reason(m.getCause());
      String text = m.getMessage() == null ? "" : m.getMessage().strip().lines().findFirst().orElse("");
      text = text.replaceFirst("^\\[Guice/[A-Za-z]+\\]:\\s*", "").strip();
      if (!text.isEmpty()) return text;
    }
    return PluginException.message(fallback);
  }

  private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+) (could not be instantiated|not found|not a subtype)");

  /** A module {@link ServiceLoader} could not load or create, with the jar that lists it. */
  private static PluginException notLoaded(ServiceConfigurationError e, ClassLoader loader) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = PROVIDER.matcher(message);
    if (!m.find()) {
      // a services file that cannot be read or parsed: ServiceLoader names it
      String said = message.replaceFirst("^" + Pattern.quote(PluginModule.class.getName()) + ":\\s*", "");
      return new PluginException("plugin modules could not be listed: " + PluginException.message(new ServiceConfigurationError(said)), e);
    }
    String module = m.group(1);
    Path listedIn = listing(module, loader);
    String why = switch (m.group(2)) {
      case "not found" -> "class not found";
      case "not a subtype" -> "not a subclass of " + PluginModule.class.getName();
      default -> e.getCause() == null ? "could not be created" : reason(e.getCause());
    };
    Path jar = null;
    if (!m.group(2).equals("not found")) {
      try {
        jar = PluginException.jar(Class.forName(module, false, loader));
      } catch (ClassNotFoundException | LinkageError ignored) {
        // the jar that lists it is named instead
      }
    }
    String where = jar != null ? in(jar, "in") : in(listedIn, "listed in");
    return new PluginException("plugin module " + module + where + " failed to load: " + why, e);
  }

  /** The jar (or directory) whose services file lists a module: the first, as ServiceLoader reads them. */
  static Path listing(String module, ClassLoader loader) {
    try {
      Enumeration<URL> files = loader.getResources(SERVICE);
      while (files.hasMoreElements()) {
        URL url = files.nextElement();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            int hash = line.indexOf('#');
            if ((hash < 0 ? line : line.substring(0, hash)).strip().equals(module)) return root(url);
          }
        } catch (IOException unreadable) {
          // the next one may list it
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** The jar or directory a services file's URL lies in. */
  private static Path root(URL url) {
    try {
      String s = url.toString();
      if (s.startsWith("jar:")) {
        int bang = s.indexOf("!/");
        return Path.of(new URI(s.substring(4, bang < 0 ? s.length() : bang)));
      }
      if (s.startsWith("file:") && s.endsWith(SERVICE)) return Path.of(new URI(s.substring(0, s.length() - SERVICE.length())));
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
      return null;
    }
    return null;
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
