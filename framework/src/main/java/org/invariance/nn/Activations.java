package org.invariance.nn;

import java.util.List;
import org.invariance.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything a probe needs about one model on one dataset, computed once and shared by reference:
 * layer activities in the study's numbering and the softmax output.
 *
 * @param model the classifier's name
 * @param dataset the dataset it saw
 * @param layers layer 1 (input) .. layer L+1 (top encoder layer), each (n x N^layer)
 * @param softmax (n x classes)
 * @param predicted most probable class per image
 */
public record Activations(String model, Dataset dataset, List<INDArray> layers, INDArray softmax, int[] predicted) {
  /** The study's layer numbering: layer(1) is the input. */
  public INDArray layer(int studyLayer) {
    return layers.get(studyLayer - 1);
  }

  public double accuracy() {
    return Classifier.accuracy(predicted, dataset.labels());
  }

  /**
   * The rows of the images of one digit: MNIST^d_a taken from MNIST_a's activations (the same
   * images, already computed), not recomputed.
   */
  public Activations digitSubset(int digit) {
    int[] labels = dataset.labels();
    int[] rows = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == digit).toArray();
    List<INDArray> sub = new java.util.ArrayList<>();
    for (INDArray l : layers) sub.add(rows.length == 0 ? l.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 0), org.nd4j.linalg.indexing.NDArrayIndex.all()) : l.getRows(rows));
    int[] lab = new int[rows.length];
    int[] pred = new int[rows.length];
    double[] amounts = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      lab[i] = labels[rows[i]];
      pred[i] = predicted[rows[i]];
      amounts[i] = dataset.amounts()[rows[i]];
    }
    String name = dataset.name();
    int us = name.lastIndexOf('_');
    String subName = us < 0 ? name + "^" + digit : name.substring(0, us) + "^" + digit + name.substring(us);
    Dataset d = new Dataset(dataset.spec().digitSubset(digit), subName, sub.get(0), lab, amounts, dataset.width(), dataset.height());
    return new Activations(model, d, sub, rows.length == 0 ? softmax.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 0), org.nd4j.linalg.indexing.NDArrayIndex.all()) : softmax.getRows(rows), pred);
  }

  public static Activations of(String model, Classifier c, Dataset d) {
    List<INDArray> layers = c.encoder().layers(d.images());
    INDArray p = c.head().probabilities(layers.get(layers.size() - 1));
    return new Activations(model, d, layers, p, Classifier.argmax(p));
  }
}
