package org.invariance.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.invariance.cluster.Tracked.State;
import org.junit.jupiter.api.Test;

/** A unit's files are taken from the member it was leased to, and from no other. */
class CoordinatorTest {
  @Test
  void itsLesseeIsHeard() {
    assertNull(Tracked.notItsLessee("train:a.model", State.LEASED, "node-x", "x", "node-x", "x"));
    // the same report again once the unit is in: not refused (the coordinator ignores it)
    assertNull(Tracked.notItsLessee("train:a.model", State.DONE, "node-x", "x", "node-x", "x"));
  }

  @Test
  void aReportFromAnotherMemberIsRefusedInWords() {
    assertEquals("worker y (member node-y) reported train:a.model, which is leased to worker x (member node-x): its files are not taken",
        Tracked.notItsLessee("train:a.model", State.LEASED, "node-x", "x", "node-y", "y"));
    // a worker that calls itself x is still another member
    assertEquals("worker x (member node-y) reported probes:p, which is done by worker x (member node-x): its files are not taken",
        Tracked.notItsLessee("probes:p", State.DONE, "node-x", "x", "node-y", "x"));
    assertEquals("worker y (member node-y) reported probes:p, which is not leased to it (offered): its files are not taken",
        Tracked.notItsLessee("probes:p", State.OFFERED, null, null, "node-y", "y"));
    assertEquals("worker y (member null) reported probes:p, which is leased to worker x (member node-x): its files are not taken",
        Tracked.notItsLessee("probes:p", State.LEASED, "node-x", "x", null, "y"));
    assertEquals("worker y (member node-y) reported probes:q, a unit this run does not have: nothing is taken",
        Tracked.notItsLessee("probes:q", null, null, null, "node-y", "y"));
    // a unit found in the store (never leased) takes no report
    assertEquals("worker y (member node-y) reported train:b.model, which is not leased to it (done): its files are not taken",
        Tracked.notItsLessee("train:b.model", State.DONE, null, null, "node-y", "y"));
  }
}
