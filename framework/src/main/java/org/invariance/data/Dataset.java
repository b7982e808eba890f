package org.invariance.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A materialised test dataset: images as an (n x pixels) float matrix, ready for a model, with
 * labels (class indices) and the amount each image was transformed by. Crosses the bus by reference.
 *
 * @param spec which dataset (transform resolved)
 * @param name its name in results (MNIST_30)
 * @param images n x (width*height), row-major, float
 * @param labels true classes
 * @param amounts the transform amount applied to each image
 * @param width image width (for plotting images back)
 * @param height image height
 */
public record Dataset(DatasetSpec spec, String name, INDArray images, int[] labels, double[] amounts, int width, int height) {
  public int count() {
    return labels.length;
  }

  /** The name of this dataset's subset of class {@code c}: MNIST_30 -> MNIST^7_30. */
  public String subsetName(int c) {
    int us = name.indexOf('_');
    return us < 0 ? name + "^" + c : name.substring(0, us) + "^" + c + name.substring(us);
  }
}
