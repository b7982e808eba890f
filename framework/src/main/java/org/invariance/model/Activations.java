package org.invariance.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.invariance.data.Dataset;
import org.invariance.data.Fingerprint;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a probe needs about one model on one dataset, computed once and shared by reference:
 * the activity of every layer (numbered from 1, the input) and, for a classifier, the class
 * probabilities and predictions.
 *
 * <p>What a probe is lent it may only read: a fingerprint of every layer and of the probabilities
 * is taken when they are computed and checked when a probe gives them back ({@link
 * #requireUnchanged}), so a probe that changed them in place (the next probe would read its
 * changes) fails, named; {@link #predicted()} is a copy. Change a copy ({@code dup()}), never
 * the array itself.
 *
 * <p>Native memory is freed deterministically: the run hands activations to a probe on a lease, and
 * {@link #close()} gives the lease back early (a probe that walks many datasets closes each when it
 * is done with it); what a probe still holds is given back when it finishes. Arrays made by
 * {@link #classSubset} belong to the subset and are freed by its {@code close()}.
 */
public final class Activations implements AutoCloseable {
  private final String model;
  private final Dataset dataset;
  private final List<INDArray> layers;
  private final INDArray probabilities;
  private final int[] predicted;
  private final Runnable onClose;
  /** Of every layer and the probabilities as computed ({@link Fingerprint}); 0 when none was taken. */
  private final long fingerprint;

  public Activations(String model, Dataset dataset, List<INDArray> layers, INDArray probabilities, int[] predicted, Runnable onClose) {
    this(model, dataset, layers, probabilities, predicted, onClose, 0);
  }

  private Activations(String model, Dataset dataset, List<INDArray> layers, INDArray probabilities, int[] predicted, Runnable onClose, long fingerprint) {
    this.model = model;
    this.dataset = dataset;
    this.layers = List.copyOf(layers);
    this.probabilities = probabilities;
    this.predicted = predicted;
    this.onClose = onClose;
    this.fingerprint = fingerprint;
  }

  /** Runs {@code model} on {@code dataset}: every layer, and the probabilities when it classifies. */
  public static Activations of(String name, Model model, Dataset dataset) {
    Forward f = model.forward(dataset.images());
    int[] predicted = f.probabilities() == null ? null : argmax(f.probabilities());
    return new Activations(name, dataset, f.layers(), f.probabilities(), predicted, null, fingerprint(f.layers(), f.probabilities()));
  }

  private static long fingerprint(List<INDArray> layers, INDArray probabilities) {
    INDArray[] all = layers.toArray(new INDArray[layers.size() + 1]);
    all[layers.size()] = probabilities;
    return Fingerprint.of(all);
  }

  /** Whether every layer and the probabilities are as computed (always, when no fingerprint was taken). */
  public boolean unchanged() {
    return fingerprint == 0 || fingerprint(layers, probabilities) == fingerprint;
  }

  /**
   * Checks that nothing lent changed since it was computed: an {@link IllegalStateException} naming
   * {@code who}, the model and the dataset, when something did.
   */
  public void requireUnchanged(String who) {
    if (unchanged()) return;
    throw new IllegalStateException(who + " wrote into the activations it was lent (model " + model + ", dataset " + dataset.name()
        + "): probes only read what they are lent; change a copy (dup()) instead");
  }

  /** The same activations under a lease: {@code close()} runs {@code release} once. */
  public Activations leased(Runnable release) {
    boolean[] done = {false};
    return new Activations(model, dataset, layers, probabilities, predicted, () -> {
      if (!done[0]) {
        done[0] = true;
        release.run();
      }
    }, fingerprint);
  }

  public String model() { return model; }
  public Dataset dataset() { return dataset; }
  /** Layer 1 (the input) .. L, each (n x neurons). */
  public List<INDArray> layers() { return layers; }
  /** Class probabilities (n x classes), or null when the model does not classify. */
  public INDArray probabilities() { return probabilities; }
  /** The most probable class per image (a copy), or null when the model does not classify. */
  public int[] predicted() { return predicted == null ? null : predicted.clone(); }

  /** Layer {@code number}, counted from 1 (the input). */
  public INDArray layer(int number) {
    if (number < 1 || number > layers.size()) throw new IllegalArgumentException("model " + model + " has layers 1.." + layers.size() + ", not " + number);
    return layers.get(number - 1);
  }

  /** The number of layers. */
  public int top() {
    return layers.size();
  }

  public double accuracy() {
    if (predicted == null) throw new IllegalStateException("model " + model + " does not classify");
    return accuracy(predicted, dataset.labels());
  }

  /** Bytes of native memory these activations hold beyond their dataset's images. */
  public long bytes() {
    long b = probabilities == null ? 0 : probabilities.length() * probabilities.dataType().width();
    for (int i = 1; i < layers.size(); i++) b += layers.get(i).length() * layers.get(i).dataType().width();
    return b;
  }

  /**
   * The rows of the images of one class: T^c_a taken from T_a's activations (the same images,
   * already computed), not recomputed.
   */
  public Activations classSubset(int c) {
    int[] labels = dataset.labels();
    int[] rows = IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
    List<INDArray> sub = new ArrayList<>();
    for (INDArray l : layers) sub.add(rows(l, rows));
    INDArray p = probabilities == null ? null : rows(probabilities, rows);
    int[] lab = new int[rows.length];
    int[] pred = predicted == null ? null : new int[rows.length];
    double[] amounts = new double[rows.length];
    double[] all = dataset.amounts();
    for (int i = 0; i < rows.length; i++) {
      lab[i] = labels[rows[i]];
      if (pred != null) pred[i] = predicted[rows[i]];
      amounts[i] = all[rows[i]];
    }
    Dataset d = new Dataset(dataset.spec().classSubset(c), dataset.subsetName(c), sub.get(0), lab, amounts, dataset.width(), dataset.height(), dataset.channels());
    return new Activations(model, d, sub, p, pred, () -> {
      for (INDArray a : sub) free(a);
      free(p);
    });
  }

  private static INDArray rows(INDArray a, int[] rows) {
    if (rows.length == 0) return Nd4j.create(a.dataType(), 0, a.columns());
    return a.getRows(rows);
  }

  @Override
  public void close() {
    if (onClose != null) onClose.run();
  }

  /** Frees the native memory of every layer above the input (which belongs to the dataset) and of the probabilities. */
  public void free() {
    for (int i = 1; i < layers.size(); i++) free(layers.get(i));
    free(probabilities);
  }

  /**
   * An array's values, row-major, on the heap: read straight from its buffer where that is its
   * layout, else through a row-major copy freed at once (no native garbage left for the collector).
   */
  public static float[] floats(INDArray a) {
    if (a.ordering() == 'c' && !a.isView() && a.dataType() == DataType.FLOAT && a.data().length() == a.length()) {
      return a.data().asFloat();
    }
    INDArray d = a.castTo(DataType.FLOAT).dup('c');
    float[] f = d.data().asFloat();
    free(d);
    return f;
  }

  /** Frees an array's native memory now rather than when the garbage collector finds it. */
  public static void free(INDArray a) {
    if (a != null && !a.isEmpty() && !a.wasClosed() && a.closeable()) a.close();
  }

  /** The most probable class of each row. */
  public static int[] argmax(INDArray probabilities) {
    return probabilities.argMax(1).toIntVector();
  }

  /** Fraction of rows whose most probable class is the label; NaN for no rows. */
  public static double accuracy(int[] predicted, int[] labels) {
    if (labels.length == 0) return Double.NaN;
    int ok = 0;
    for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) ok++;
    return (double) ok / labels.length;
  }
}
