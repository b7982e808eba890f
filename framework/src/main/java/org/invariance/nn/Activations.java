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

  public static Activations of(String model, Classifier c, Dataset d) {
    List<INDArray> layers = c.encoder().layers(d.images());
    INDArray p = c.head().probabilities(layers.get(layers.size() - 1));
    return new Activations(model, d, layers, p, Classifier.argmax(p));
  }
}
