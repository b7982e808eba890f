package org.invariance.cluster;

import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.LogEvent;
import com.hazelcast.logging.LoggerFactory;
import com.hazelcast.logging.Slf4jFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Hazelcast's logging (its {@code hazelcast.logging.class} extension point, over SLF4J as before),
 * watched for the two lines that say a join was refused for another cluster name, i.e. another
 * cluster key: the refused member learns who refused it (so a worker with the wrong key can stop
 * and say so), and both sides log it in words instead of Hazelcast's. The derived cluster name is
 * kept out of every log line (run.log travels with the results).
 */
public final class ClusterLog implements LoggerFactory {
  private static final Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterNode.class);
  /** Hazelcast 5.3: the joining member's line, and the refusing member's. */
  private static final Pattern REFUSED_US = Pattern.compile("^\\[([^\\]]+)\\]:(\\d+) .*Node could not join cluster at node: \\[([^\\]]+)\\]:(\\d+) Cause: the target cluster has a different cluster-name");
  private static final Pattern REFUSED_THEM = Pattern.compile("^\\[([^\\]]+)\\]:(\\d+) .*Received an invalid join request from \\[([^\\]]+)\\]:(\\d+), cause: members part of different cluster");
  /** Per local member (host:port): the members that refused it for its key. */
  private static final Map<String, Set<String>> REFUSALS = new ConcurrentHashMap<>();
  private static final Set<String> NAMES = new CopyOnWriteArraySet<>();

  private final Slf4jFactory slf4j = new Slf4jFactory();

  /** Installs this factory for Hazelcast instances made from now on (unless the JVM names another). */
  static void install(String clusterName) {
    NAMES.add(clusterName);
    if (System.getProperty("hazelcast.logging.class") == null) System.setProperty("hazelcast.logging.class", ClusterLog.class.getName());
  }

  /** The members (host:port) that refused the member at {@code self} because their cluster key differs. */
  static List<String> refusedBy(String self) {
    return new ArrayList<>(REFUSALS.getOrDefault(self, Set.of()));
  }

  @Override
  public ILogger getLogger(String name) {
    return new Watched(slf4j.getLogger(name));
  }

  /** Says a refusal in words (and remembers it); true when Hazelcast's own line is then left out. */
  static boolean watch(String message) {
    Matcher us = REFUSED_US.matcher(message);
    if (us.find()) {
      String self = us.group(1) + ":" + us.group(2);
      String other = us.group(3) + ":" + us.group(4);
      if (REFUSALS.computeIfAbsent(self, k -> new CopyOnWriteArraySet<>()).add(other)) {
        LOG.warn("the member at {} refused this member ({}): it holds another cluster key (the Hazelcast cluster name derived from the key differs)", other, self);
      }
      return true;
    }
    Matcher them = REFUSED_THEM.matcher(message);
    if (them.find()) {
      LOG.warn("refused a member at {}:{} that asked to join: it does not hold this cluster's key (its cluster name differs)", them.group(3), them.group(4));
      return true;
    }
    return false;
  }

  static String redact(String message) {
    if (message == null) return null;
    for (String n : NAMES) message = message.replace(n, "invariance");
    return message;
  }

  private static final class Watched extends AbstractLogger {
    private final ILogger inner;

    Watched(ILogger inner) {
      this.inner = inner;
    }

    @Override
    public void log(Level level, String message) {
      log(level, message, null);
    }

    @Override
    public void log(Level level, String message, Throwable thrown) {
      if (message != null && level.intValue() >= Level.WARNING.intValue() && watch(message)) return;
      if (inner.isLoggable(level)) inner.log(level, redact(message), thrown);
    }

    @Override
    public void log(LogEvent event) {
      inner.log(event);
    }

    @Override
    public Level getLevel() {
      return inner.getLevel();
    }

    @Override
    public boolean isLoggable(Level level) {
      return inner.isLoggable(level) || level.intValue() >= Level.WARNING.intValue();
    }
  }
}
