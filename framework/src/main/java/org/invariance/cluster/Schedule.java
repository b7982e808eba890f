package org.invariance.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.invariance.cluster.Tracked.State;
import org.invariance.results.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which unit runs where, with no cluster in it: units in plan order, each offered, leased to one
 * worker, done or failed. An idle worker is offered the first ready unit (its dependencies done: a
 * point's probes after its models); a lease lapses when its beat stops moving for the lease time;
 * a unit whose worker left, lapsed or failed goes back on offer (with the checkpoints handed over
 * so far) until its third attempt, after which it gives up with the three reasons, and so do the
 * units waiting on it. Only the lessee's report counts. Time comes from a clock it is given, so
 * tests move it by hand. Not thread-safe: the coordinator calls it from one event-loop context.
 */
public final class Schedule {
  private static final Logger LOG = LoggerFactory.getLogger(Schedule.class);
  /** Attempts per unit before it counts as failed (a unit that fails everywhere is bad input or a bug). */
  static final int ATTEMPTS = 3;

  private final Map<String, Tracked> units = new LinkedHashMap<>();
  /** Per live worker node: the model files its store holds (from its last ask), so a held model goes to its holder. */
  private final Map<String, Set<String>> holders = new HashMap<>();
  private final Set<String> workers = new HashSet<>();
  private final long leaseNanos;
  private final int leaseSeconds;
  /** Monotonic nanoseconds (System::nanoTime; a test's own clock). */
  private final LongSupplier clock;
  private Consumer<Tracked> changed = e -> {};

  public Schedule(int leaseSeconds, LongSupplier clock) {
    this.leaseSeconds = leaseSeconds;
    this.leaseNanos = leaseSeconds * 1_000_000_000L;
    this.clock = clock;
  }

  /** Called after every change of a unit's state (the coordinator mirrors it into the shared map). */
  public void onChange(Consumer<Tracked> listener) {
    this.changed = listener;
  }

  /** Adds a unit (once: a model several points share is one unit); {@code done} when its result is already at hand. */
  public Tracked add(Unit unit, boolean done) {
    return units.computeIfAbsent(unit.id(), id -> {
      Tracked e = new Tracked(unit);
      if (done) e.state = State.DONE;
      return e;
    });
  }

  public Tracked get(String id) {
    return units.get(id);
  }

  public Collection<Tracked> entries() {
    return units.values();
  }

  /** A live worker still holds the unit under a previous coordinator of this run: it stays leased to it. */
  public void adopt(String id, String node, String worker, long beat, int attempts) {
    Tracked e = units.get(id);
    if (e == null || e.state == State.DONE) return;
    lease(e, node, worker, attempts, " still leased to " + worker + " from a previous coordinator of this run");
    e.beat = beat;
    changed.accept(e);
  }

  /**
   * An idle worker asks: the unit it takes, now leased to it, or null (nothing ready). A unit whose
   * model file the asker holds comes first; one another live worker holds is left for that worker.
   * A unit still leased to the asker was lost (it restarted), so it goes back on offer first.
   */
  public Tracked offer(String node, String worker, Set<String> has) {
    if (workers.add(node)) LOG.info("worker {} joined the run", worker);
    holders.put(node, Set.copyOf(has));
    for (Tracked e : units.values()) {
      if (e.state == State.LEASED && node.equals(e.node)) reoffer(e, "its worker " + worker + " asked for new work");
    }
    Tracked pick = null;
    for (Tracked e : units.values()) {
      if (e.state != State.OFFERED || !ready(e)) continue;
      String file = e.unit.file();
      if (file != null && has.contains(file)) {
        pick = e;
        break;
      }
      boolean heldElsewhere = file != null && holders.entrySet().stream().anyMatch(h -> !h.getKey().equals(node) && h.getValue().contains(file));
      if (!heldElsewhere && pick == null) pick = e; // a held one goes to its holder (done at once) when it next asks
    }
    if (pick == null) return null;
    lease(pick, node, worker, pick.attempts + 1, " leased to " + worker);
    changed.accept(pick);
    return pick;
  }

  private void lease(Tracked e, String node, String worker, int attempts, String what) {
    e.state = State.LEASED;
    e.node = node;
    e.worker = worker;
    e.lastWorker = worker;
    e.attempts = attempts;
    e.beat = 0;
    e.beatSeenAt = clock.getAsLong();
    e.leasedAt = clock.getAsLong();
    e.history.add(Provenance.now() + what);
  }

  /** Every unit a unit depends on, directly or not. */
  public List<Tracked> closure(Tracked e) {
    List<Tracked> out = new ArrayList<>();
    List<String> todo = new ArrayList<>(e.unit.deps());
    while (!todo.isEmpty()) {
      Tracked d = units.get(todo.remove(todo.size() - 1));
      if (d == null || out.contains(d)) continue;
      out.add(d);
      todo.addAll(d.unit.deps());
    }
    return out;
  }

  private boolean ready(Tracked e) {
    return e.unit.deps().stream().allMatch(d -> units.containsKey(d) && units.get(d).state == State.DONE);
  }

  /** The lessee's beat as the shared map holds it: a beat that moved renews the lease. Another member's is ignored. */
  public void renew(String id, String node, long beat) {
    Tracked e = units.get(id);
    if (e == null || e.state != State.LEASED || !e.node.equals(node) || e.beat == beat) return;
    e.beat = beat;
    e.beatSeenAt = clock.getAsLong();
  }

  /** Leases whose beat has not moved for the lease time go back on offer; returns them. */
  public List<Tracked> expire() {
    long now = clock.getAsLong();
    return reofferEach(e -> now - e.beatSeenAt > leaseNanos, e -> "no heartbeat from worker " + e.worker + " for " + leaseSeconds + " s");
  }

  /** A worker left the cluster: its leases go back on offer; returns them. */
  public List<Tracked> left(String node) {
    holders.remove(node);
    workers.remove(node);
    return reofferEach(e -> node.equals(e.node), e -> "its worker " + e.worker + " left the cluster");
  }

  private List<Tracked> reofferEach(Predicate<Tracked> lost, Function<Tracked, String> why) {
    List<Tracked> out = units.values().stream().filter(e -> e.state == State.LEASED && lost.test(e)).toList();
    out.forEach(e -> reoffer(e, why.apply(e)));
    return out;
  }

  /** The lease of {@code node} on the unit ended without a result (not published, files unreadable): back on offer. Null if it had no such lease. */
  public Tracked release(String id, String node, String why) {
    Tracked e = units.get(id);
    if (e == null) return null;
    if (node.equals(e.receivingFrom)) e.receivingFrom = null;
    if (e.state != State.LEASED || !node.equals(e.node)) return null;
    reoffer(e, why);
    return e;
  }

  /** Its lessee reports that it failed: back on offer, or given up after the last attempt (returns true then). */
  public boolean failed(String id, String worker, String error) {
    Tracked e = units.get(id);
    reoffer(e, "it failed on " + worker, "failed on " + worker + ": " + error);
    return e.state == State.FAILED;
  }

  private void reoffer(Tracked e, String why) {
    reoffer(e, why, why);
  }

  private void reoffer(Tracked e, String why, String reason) {
    LOG.warn("{} offered again: {}", e.unit.id(), why);
    e.history.add(Provenance.now() + " offered again: " + why);
    e.reasons.add(reason);
    e.worker = null;
    e.node = null;
    if (e.attempts < ATTEMPTS) {
      e.state = State.OFFERED;
      changed.accept(e);
      return;
    }
    giveUp(e, e.unit.id() + " failed " + e.attempts + " times: " + String.join("; ", e.reasons));
    // the units waiting on it can never be ready: they fail too, rather than wait forever
    for (Tracked w : List.copyOf(units.values())) {
      if (w.state == State.OFFERED && closure(w).contains(e)) giveUp(w, w.unit.id() + " not run: " + e.unit.id() + " failed");
    }
  }

  private void giveUp(Tracked e, String failure) {
    LOG.error("{}", failure);
    e.state = State.FAILED;
    e.failure = failure;
    changed.accept(e);
  }

  /**
   * Why a report of unit {@code id} from member {@code node} is not taken, or null when it comes
   * from the member the unit is leased to (or, for a unit done, was done by: ignored then).
   */
  public String refusal(String id, String node, String worker) {
    Tracked e = units.get(id);
    return e == null ? Tracked.notItsLessee(id, null, null, null, node, worker) : Tracked.notItsLessee(id, e.state, e.node, e.worker, node, worker);
  }

  /** Whether its lessee's report is news: not once it is done or its files are already coming in (a report sent again). */
  public boolean awaited(String id) {
    Tracked e = units.get(id);
    return e.state != State.DONE && e.receivingFrom == null;
  }

  /** Its files are coming in from {@code node}. */
  public void receiving(String id, String node) {
    units.get(id).receivingFrom = node;
  }

  /** Whether {@code node} holds the lease on a training unit (only its checkpoints are taken). */
  public boolean holds(String id, String node) {
    Tracked e = units.get(id);
    return e != null && e.unit.file() != null && e.state == State.LEASED && node.equals(e.node);
  }

  public void checkpointTaken(String id) {
    units.get(id).checkpoints++;
  }

  /** Its files are in: done, by the member they came from. */
  public void done(String id, String node, String worker, String origin, double seconds, double fetchSeconds) {
    Tracked e = units.get(id);
    e.state = State.DONE;
    e.failure = null; // it gave up while its files were coming in: they came
    e.receivingFrom = null;
    e.node = node;
    e.worker = worker;
    e.origin = origin;
    e.seconds = seconds;
    e.coordinatorSeconds = (clock.getAsLong() - e.leasedAt) / 1e9;
    e.fetchSeconds = fetchSeconds;
    e.history.add(Provenance.now() + " done on " + worker + " (" + origin + ")");
    changed.accept(e);
  }

  /** Units neither done nor failed. */
  public long open() {
    return units.values().stream().filter(e -> e.state == State.OFFERED || e.state == State.LEASED).count();
  }

  public long count(State s) {
    return units.values().stream().filter(e -> e.state == s).count();
  }

  public int workers() {
    return workers.size();
  }

  /** One line per unit that gave up, with its reasons. */
  public List<String> failures() {
    return units.values().stream().filter(e -> e.failure != null).map(e -> e.failure).toList();
  }
}
