package org.invariance.cluster;

/**
 * The cluster's addresses. Only short JSON control messages use them; files move through
 * {@link Artifacts} in binary chunks.
 *
 * <ul>
 *   <li>{@link #WORK}: an idle worker asks any coordinator for a unit; the reply is {@code refuse}
 *       (one line naming what differs), {@code wait} (milliseconds; nothing is ready) or an
 *       assignment (the unit, the experiment's text and overrides, the models it needs, the
 *       cluster's kernel and thread settings, the lease time).
 *   <li>{@link #checkpoint(String)}: a worker training a model tells the coordinator of each
 *       checkpoint it saved (path, size, SHA-256); the reply comes once the coordinator holds a copy,
 *       which goes with the unit if it is offered again, so the next worker resumes the training.
 *   <li>{@link #done(String)}: the worker reports the unit's files (path, size, SHA-256) to the
 *       coordinator that assigned it; the reply comes once the coordinator fetched them.
 * </ul>
 */
public final class Protocol {
  public static final String WORK = "invariance.work";

  private Protocol() {}

  public static String checkpoint(String coordinatorNode) {
    return "invariance.coordinator." + coordinatorNode + ".checkpoint";
  }

  public static String done(String coordinatorNode) {
    return "invariance.coordinator." + coordinatorNode + ".done";
  }
}
