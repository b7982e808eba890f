package org.invariance.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A unit as the {@link Schedule} tracks it, and what happened to it. Read anywhere in this package; changed only by the schedule. */
public final class Tracked {
  /** A unit's state; its word is what the shared map and cluster.json write. */
  public enum State {
    OFFERED, LEASED, DONE, FAILED;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  final Unit unit;
  State state = State.OFFERED;
  /** The lessee (while leased), or who finished it. */
  String worker;
  String node;
  /** The last worker that held it, kept when it goes back on offer (a failed point names it). */
  String lastWorker;
  long beat;
  long beatSeenAt;
  long leasedAt;
  int attempts;
  /** Leases, offers again and why, who finished it: for cluster.json. */
  final List<String> history = new ArrayList<>();
  /** Why each attempt ended: a unit that gives up fails with them. */
  final List<String> reasons = new ArrayList<>();
  /** Set once it gave up: its line among the run's failures. */
  String failure;
  String origin = "";
  double seconds;
  /** Seconds from lease to done as the coordinator saw them, and of that the fetching of its files. */
  double coordinatorSeconds;
  double fetchSeconds;
  /** The member whose files for it are coming in: a second report meanwhile is ignored. */
  String receivingFrom;
  /** Checkpoints its workers handed over (a training unit); the last one goes with it when offered again. */
  int checkpoints;

  Tracked(Unit unit) {
    this.unit = unit;
  }

  public Unit unit() {
    return unit;
  }

  public State state() {
    return state;
  }

  public int attempts() {
    return attempts;
  }

  public String worker() {
    return worker;
  }

  /**
   * Why a report is not taken, or null: a unit's files (or its failure) are taken only from the
   * member it is leased to, never from one that was not handed the unit or whose lease went elsewhere.
   */
  static String notItsLessee(String id, State state, String leasedNode, String leasedWorker, String node, String worker) {
    String who = "worker " + worker + " (member " + node + ") reported " + id;
    if (state == null) return who + ", a unit this run does not have: nothing is taken";
    boolean held = state == State.LEASED || state == State.DONE && leasedNode != null;
    if (held && node != null && node.equals(leasedNode)) return null; // its lessee (again, for a unit done: ignored)
    if (held) return who + ", which is " + (state == State.DONE ? "done by" : "leased to") + " worker " + leasedWorker + " (member " + leasedNode + "): its files are not taken";
    return who + ", which is not leased to it (" + state.word() + "): its files are not taken";
  }
}
