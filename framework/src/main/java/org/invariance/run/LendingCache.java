package org.invariance.run;

import io.vertx.core.Future;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Values computed once and lent out: a value is kept while anyone holds a lease on it, and those
 * nobody holds are kept, most recently used first, up to a budget of bytes; past it the least
 * recently used are freed at once. Used by one event-loop thread (a verticle), so not synchronised.
 */
final class LendingCache<K, V> {
  private final long budget;
  private final ToLongFunction<V> bytes;
  private final Consumer<V> free;
  private final Map<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);

  private static final class Entry<V> {
    Future<V> value;
    int leases;
  }

  LendingCache(long budget, ToLongFunction<V> bytes, Consumer<V> free) {
    this.budget = budget;
    this.bytes = bytes;
    this.free = free;
  }

  /** The value of {@code key} on a lease, computed with {@code compute} the first time. */
  Future<V> lend(K key, Function<K, Future<V>> compute) {
    return lend(key, compute, v -> true);
  }

  /**
   * The same, computing the value again when the kept one is no longer {@code usable} (a borrower
   * changed it): the changed one is freed once nobody holds it.
   */
  Future<V> lend(K key, Function<K, Future<V>> compute, Predicate<V> usable) {
    Entry<V> e = entries.computeIfAbsent(key, k -> new Entry<>());
    if (e.value != null && e.value.succeeded() && !usable.test(e.value.result())) {
      if (e.leases == 0) free.accept(e.value.result());
      e = new Entry<>();
      entries.put(key, e);
    }
    if (e.value == null) e.value = compute.apply(key);
    e.leases++;
    e.value.onComplete(x -> trim());
    return e.value;
  }

  /** Gives a lease of {@code key} back; the value may be freed now. */
  void giveBack(K key) {
    Entry<V> e = entries.get(key);
    if (e != null && e.leases > 0) e.leases--;
    trim();
  }

  /** How many values are kept (held or not). */
  int size() {
    return entries.size();
  }

  /** Frees the least recently used values nobody holds until the rest fit the budget. */
  void trim() {
    long total = 0;
    for (Entry<V> e : entries.values()) if (e.value.succeeded()) total += bytes.applyAsLong(e.value.result());
    for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext() && total > budget; ) {
      Entry<V> e = it.next();
      if (e.leases > 0 || !e.value.isComplete()) continue;
      if (e.value.succeeded()) {
        total -= bytes.applyAsLong(e.value.result());
        free.accept(e.value.result());
      }
      it.remove();
    }
  }
}
