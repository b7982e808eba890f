package org.invariance.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** The benchmarked network is the shipped example's: shapes and parameters, not speed. */
class CnnBenchTest {
  @Test
  void theNetworkHasTheExamplesShapes() {
    MultiLayerNetwork net = CnnBench.network(1);
    assertEquals(CnnBench.PARAMS, net.numParams());
    assertEquals(37_610, CnnBench.PARAMS);
    DataSet d = CnnBench.batch(3, 5);
    List<INDArray> acts = net.feedForward(d.getFeatures(), false);
    // input, conv1, pool1, conv2, pool2, dense1, output
    assertEquals(7, acts.size());
    assertArrayEquals(new long[] {3, 8, 24, 24}, acts.get(1).shape());
    assertArrayEquals(new long[] {3, 8, 12, 12}, acts.get(2).shape());
    assertArrayEquals(new long[] {3, 16, 8, 8}, acts.get(3).shape());
    assertArrayEquals(new long[] {3, 16, 4, 4}, acts.get(4).shape());
    assertArrayEquals(new long[] {3, 128}, acts.get(5).shape());
    assertArrayEquals(new long[] {3, 10}, acts.get(6).shape());
    ConvolutionLayer conv1 = (ConvolutionLayer) net.getLayer(0).conf().getLayer();
    assertArrayEquals(new int[] {5, 5}, conv1.getKernelSize());
    assertArrayEquals(new int[] {1, 1}, conv1.getStride());
    assertArrayEquals(new int[] {0, 0}, conv1.getPadding());
    SubsamplingLayer pool1 = (SubsamplingLayer) net.getLayer(1).conf().getLayer();
    assertArrayEquals(new int[] {2, 2}, pool1.getStride());
  }

  @Test
  void batchesAreOneHotImagesInTheUnitInterval() {
    DataSet d = CnnBench.batch(CnnBench.BATCH, 7);
    assertArrayEquals(new long[] {64, 784}, d.getFeatures().shape());
    assertArrayEquals(new long[] {64, 10}, d.getLabels().shape());
    assertEquals(64.0, d.getLabels().sumNumber().doubleValue(), 0.0);
    assertEquals(1.0, d.getLabels().max(1).minNumber().doubleValue(), 0.0);
    assertEquals(0.0, Math.min(0.0, d.getFeatures().minNumber().doubleValue()), 0.0);
    assertEquals(true, d.getFeatures().maxNumber().doubleValue() < 1.0);
  }

  @Test
  void oneFitStepChangesTheWeights() {
    MultiLayerNetwork net = CnnBench.network(1);
    INDArray before = net.params().dup();
    net.fit(CnnBench.batch(CnnBench.BATCH, 8));
    assertEquals(true, net.params().sub(before).norm2Number().doubleValue() > 0);
  }
}
