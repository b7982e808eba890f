package org.invariance.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A materialised test dataset: images as an (n x pixels) float matrix, ready for a model, with
 * labels (class indices) and the amount each image was transformed by. Crosses the bus by reference;
 * the images are lent to probes to read (the activations' fingerprint, which includes them as layer 1,
 * catches a probe that writes into them), the labels and amounts are handed out as copies.
 *
 * @param spec which dataset (transform resolved)
 * @param name its name in results (MNIST_30)
 * @param images n x (channels*height*width), row-major, float
 * @param labels true classes
 * @param amounts the transform amount applied to each image
 * @param width image width (for plotting images back)
 * @param height image height
 * @param channels values per pixel (1 grey, 3 colour); an image's row holds its channels one after the other
 */
public record Dataset(DatasetSpec spec, String name, INDArray images, int[] labels, double[] amounts, int width, int height, int channels) {
  /** A dataset of grey-scale images. */
  public Dataset(DatasetSpec spec, String name, INDArray images, int[] labels, double[] amounts, int width, int height) {
    this(spec, name, images, labels, amounts, width, height, 1);
  }

  public int count() {
    return labels.length;
  }

  /** The true classes (a copy: what the framework lends is read only). */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** The amount each image was transformed by (a copy). */
  @Override
  public double[] amounts() {
    return amounts.clone();
  }

  /** One image's shape. */
  public ImageShape shape() {
    return new ImageShape(channels, height, width);
  }

  /** The name of this dataset's subset of class {@code c}: MNIST_30 -> MNIST^7_30. */
  public String subsetName(int c) {
    int us = name.indexOf('_');
    return us < 0 ? name + "^" + c : name.substring(0, us) + "^" + c + name.substring(us);
  }
}
