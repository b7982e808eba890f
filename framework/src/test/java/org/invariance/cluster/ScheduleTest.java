package org.invariance.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.invariance.cluster.Tracked.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's schedule on hand-built units and a clock moved by hand: no cluster, no sleeps.
 * Two points: p trains a, then b on a, then probes; q trains c, then probes.
 */
class ScheduleTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int LEASE = 20;
  private final long[] now = {0};
  private final List<String> mirrored = new ArrayList<>();
  private Schedule schedule;
  private Unit a;
  private Unit b;
  private Unit probesP;
  private Unit c;
  private Unit probesQ;

  @BeforeEach
  void twoPoints() {
    schedule = new Schedule(LEASE, () -> now[0]);
    a = Unit.train("p", "a", "a-1.model", List.of());
    b = Unit.train("p", "b", "b-2.model", List.of(a.id()));
    probesP = Unit.probes("p", List.of(a.id(), b.id()));
    c = Unit.train("q", "c", "c-3.model", List.of());
    probesQ = Unit.probes("q", List.of(c.id()));
    for (Unit u : List.of(a, b, probesP, c, probesQ)) schedule.add(u, false);
    schedule.onChange(e -> mirrored.add(e.unit().id() + " " + e.state().word()));
  }

  private Tracked ask(String worker) {
    return schedule.offer("node-" + worker, worker, Set.of());
  }

  private void finish(Tracked t, String worker) {
    assertNull(schedule.refusal(t.unit().id(), "node-" + worker, worker));
    assertTrue(schedule.awaited(t.unit().id()));
    schedule.receiving(t.unit().id(), "node-" + worker);
    schedule.done(t.unit().id(), "node-" + worker, worker, "trained", 1.0, 0.1);
  }

  @Test
  void unitsAreOfferedInPlanOrderAndProbesOnlyAfterTheirModels() {
    assertSame(a, ask("w1").unit());
    assertSame(c, ask("w2").unit(), "b waits for a; p's probes for a and b");
    assertNull(ask("w3"), "nothing else is ready");
    finish(schedule.get(c.id()), "w2");
    assertSame(probesQ, ask("w2").unit(), "q's probes once c is done");
    assertNull(ask("w3"), "p's probes never before b, b never before a");
    finish(schedule.get(a.id()), "w1");
    assertSame(b, ask("w1").unit());
    assertNull(ask("w3"));
    finish(schedule.get(b.id()), "w1");
    assertSame(probesP, ask("w3").unit());
    assertEquals(List.of(a.id(), b.id()), schedule.closure(schedule.get(probesP.id())).stream().map(t -> t.unit().id()).sorted().toList());
    assertEquals(2, schedule.open(), "both points' probes run");
    assertEquals(List.of("train:a-1.model leased", "train:c-3.model leased", "train:c-3.model done", "probes:q leased"), mirrored.subList(0, 4),
        "every change is mirrored");
  }

  @Test
  void aWorkerHoldingAModelIsOfferedItsUnitAndOthersLeaveItToIt() {
    assertSame(c, schedule.offer("node-w1", "w1", Set.of("c-3.model")).unit(), "its store holds c: c before a");
    Schedule s = new Schedule(LEASE, () -> now[0]);
    s.add(a, false);
    s.add(c, false);
    assertSame(a, s.offer("node-w2", "w2", Set.of("a-1.model", "c-3.model")).unit());
    assertNull(s.offer("node-w3", "w3", Set.of()), "c is left to w2, which holds it");
    s.receiving(a.id(), "node-w2");
    s.done(a.id(), "node-w2", "w2", "stored", 0, 0);
    assertSame(c, s.offer("node-w2", "w2", Set.of("a-1.model", "c-3.model")).unit());
  }

  @Test
  void aLeaseWhoseBeatStopsGoesBackOnOfferAndABeatKeepsItAlive() {
    Tracked t = ask("w1");
    now[0] += (LEASE - 1) * SECOND;
    assertEquals(List.of(), schedule.expire());
    schedule.renew(a.id(), "node-w1", 1); // the beat moved: the lease runs from now
    now[0] += (LEASE - 1) * SECOND;
    assertEquals(List.of(), schedule.expire());
    schedule.renew(a.id(), "node-w9", 2); // another member's beat renews nothing
    schedule.renew(a.id(), "node-w1", 1); // nor a beat that did not move
    now[0] += 2 * SECOND;
    assertEquals(List.of(t), schedule.expire());
    assertEquals(State.OFFERED, t.state());
    assertTrue(t.history.get(t.history.size() - 1).endsWith("offered again: no heartbeat from worker w1 for 20 s"), t.history.toString());
    Tracked again = ask("w2");
    assertSame(t, again);
    assertEquals(2, again.attempts());
    assertEquals("w2", again.worker());
  }

  @Test
  void aUnitThatFailsThreeTimesGivesUpWithTheThreeReasonsAndSoDoUnitsWaitingOnIt() {
    for (int i = 1; i <= 3; i++) {
      assertSame(a, ask("w" + i).unit());
      assertEquals(i == 3, schedule.failed(a.id(), "w" + i, "boom " + i));
    }
    assertEquals(State.FAILED, schedule.get(a.id()).state());
    assertEquals(State.FAILED, schedule.get(b.id()).state());
    assertEquals(State.FAILED, schedule.get(probesP.id()).state());
    assertEquals(List.of("train:a-1.model failed 3 times: failed on w1: boom 1; failed on w2: boom 2; failed on w3: boom 3",
        "train:b-2.model not run: train:a-1.model failed", "probes:p not run: train:a-1.model failed"), schedule.failures());
    assertSame(c, ask("w4").unit(), "q goes on");
    assertNull(ask("w5"));
  }

  @Test
  void aLeaseThatLapsesThreeTimesGivesUp() {
    for (int i = 1; i <= 3; i++) {
      assertSame(a, ask("w" + i).unit());
      now[0] += (LEASE + 1) * SECOND;
      schedule.expire();
    }
    assertEquals(State.FAILED, schedule.get(a.id()).state());
    assertEquals("train:a-1.model failed 3 times: no heartbeat from worker w1 for 20 s; no heartbeat from worker w2 for 20 s; "
        + "no heartbeat from worker w3 for 20 s", schedule.failures().get(0));
  }

  @Test
  void aWorkerThatDiesHasItsUnitsReassignedWithTheCheckpointItHandedOver() {
    Tracked t = ask("w1");
    assertTrue(schedule.holds(a.id(), "node-w1"));
    schedule.checkpointTaken(a.id());
    assertEquals(1, schedule.workers());
    assertEquals(List.of(t), schedule.left("node-w1"));
    assertEquals(0, schedule.workers());
    assertEquals(State.OFFERED, t.state());
    assertTrue(t.history.get(t.history.size() - 1).endsWith("offered again: its worker w1 left the cluster"));
    assertSame(t, ask("w2"));
    assertEquals(1, t.checkpoints, "the checkpoint w1 handed over goes with it");
    assertFalse(schedule.holds(a.id(), "node-w1"), "a checkpoint from the dead worker is not taken");
    assertEquals("worker w1 (member node-w1) reported train:a-1.model, which is leased to worker w2 (member node-w2): its files are not taken",
        schedule.refusal(a.id(), "node-w1", "w1"));
    finish(t, "w2");
    assertEquals(State.DONE, t.state());
    assertEquals("w2", t.worker());
  }

  @Test
  void aWorkerAskingWhileItHoldsALeaseLostItsUnit() {
    Tracked t = ask("w1");
    Tracked next = ask("w1"); // restarted: it no longer runs a
    assertSame(t, next, "a is offered again and, first in line, taken again");
    assertEquals(2, t.attempts());
    assertTrue(t.history.stream().anyMatch(h -> h.endsWith("offered again: its worker w1 asked for new work")));
  }

  @Test
  void onlyTheLesseeIsHeardAndOnlyOnce() {
    Tracked t = ask("w1");
    assertEquals("worker w2 (member node-w2) reported train:a-1.model, which is leased to worker w1 (member node-w1): its files are not taken",
        schedule.refusal(a.id(), "node-w2", "w2"));
    assertEquals("worker w2 (member node-w2) reported train:c-3.model, which is not leased to it (offered): its files are not taken",
        schedule.refusal(c.id(), "node-w2", "w2"));
    assertEquals("worker w2 (member node-w2) reported probes:r, a unit this run does not have: nothing is taken", schedule.refusal("probes:r", "node-w2", "w2"));
    assertNull(schedule.refusal(a.id(), "node-w1", "w1"));
    schedule.receiving(a.id(), "node-w1");
    assertFalse(schedule.awaited(a.id()), "its files are coming in: a report sent again is ignored");
    schedule.done(a.id(), "node-w1", "w1", "trained", 2.0, 0.5);
    assertNull(schedule.refusal(a.id(), "node-w1", "w1"));
    assertFalse(schedule.awaited(a.id()), "done: nothing is taken twice");
    assertEquals("worker w2 (member node-w2) reported train:a-1.model, which is done by worker w1 (member node-w1): its files are not taken",
        schedule.refusal(a.id(), "node-w2", "w2"));
    assertTrue(t.history.get(t.history.size() - 1).endsWith("done on w1 (trained)"));
  }

  @Test
  void filesThatCannotBeTakenPutTheUnitBackOnOffer() {
    Tracked t = ask("w1");
    schedule.receiving(a.id(), "node-w1");
    assertNull(schedule.release(a.id(), "node-w2", "not its lease"));
    assertSame(t, schedule.release(a.id(), "node-w1", "its files could not be fetched from w1: gone"));
    assertEquals(State.OFFERED, t.state());
    assertTrue(schedule.awaited(a.id()));
  }

  @Test
  void aLeaseFromAPreviousCoordinatorIsKeptAndAUnitFoundDoneIsNeverOffered() {
    Schedule s = new Schedule(LEASE, () -> now[0]);
    s.add(a, true);
    s.add(b, false);
    s.adopt(b.id(), "node-w1", "w1", 7, 2);
    assertEquals(State.LEASED, s.get(b.id()).state());
    assertEquals(2, s.get(b.id()).attempts());
    assertNull(s.offer("node-w2", "w2", Set.of()), "a is done, b still w1's");
    assertEquals(State.DONE, s.add(a, false).state(), "added once");
    assertEquals(0, s.get(a.id()).attempts());
  }
}
