package org.invariance.bus;

/**
 * The event bus's addresses: the only way the run's parts meet. Requests are answered with the
 * (heavy) object by reference; {@code *.ready} notifications are published (light, for observers).
 */
public final class Addresses {
  private Addresses() {}

  /** {@link Events.DatasetRequest} -> {@link org.invariance.data.Dataset}. */
  public static final String DATASET_REQUESTED = "invariance.dataset.requested";
  /** Published {@link Events.Ready} when a dataset has been built. */
  public static final String DATASET_READY = "invariance.dataset.ready";
  /** {@link Events.ModelRequest} -> {@link org.invariance.model.Model}. */
  public static final String MODEL_REQUESTED = "invariance.model.requested";
  /** Published {@link Events.Ready} when a model is trained or loaded. */
  public static final String MODEL_READY = "invariance.model.ready";
  /** {@link Events.ActivationsRequest} -> {@link org.invariance.model.Activations}, lent until released. */
  public static final String ACTIVATIONS_REQUESTED = "invariance.activations.requested";
  /** {@link Events.ActivationsRequest}: a lent {@link org.invariance.model.Activations} is given back (memory may be freed). */
  public static final String ACTIVATIONS_RELEASED = "invariance.activations.released";
  /** Published {@link Events.Ready} when activations have been computed. */
  public static final String ACTIVATIONS_READY = "invariance.activations.ready";
  /** {@link Events.ResultBatch} -> {@link Events.Ack}: tidy rows to write. */
  public static final String PROBE_RESULT = "invariance.probe.result";
  /** A probe ended: its result file is closed, and renamed into place if it finished. */
  public static final String PROBE_COMPLETED = "invariance.probe.completed";
  /** Published {@link Events.ProbeDone} when a probe finished. */
  public static final String PROBE_DONE = "invariance.probe.done";

  /** {@link Events.ProbeRun} -> {@link Events.ProbeDone}: start the probe with this id. */
  public static String probeRun(String probeId) {
    return "invariance.probe.run." + probeId;
  }
}
