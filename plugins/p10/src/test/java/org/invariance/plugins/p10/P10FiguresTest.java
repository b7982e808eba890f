package org.invariance.plugins.p10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Claim;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

class P10FiguresTest {
  private static void layer(List<String> r, String model, String dataset, int layer, double... p10) {
    for (int n = 0; n < p10.length; n++) r.add(model + "," + dataset + "," + layer + "," + n + ",p10," + p10[n]);
  }

  @Test
  void sameActiveNeuronsHoldReversedOnesDoNot() throws Exception {
    List<String> r = new ArrayList<>();
    // model S: MNIST_30's p10 is MNIST_0's scaled (r = 1) in both layers
    layer(r, "S", "MNIST_0", 1, 0.1, 0.3, 0.0, 0.2);
    layer(r, "S", "MNIST_30", 1, 0.05, 0.15, 0.0, 0.1);
    layer(r, "S", "MNIST_0", 2, 0.4, 0.0, 0.1);
    layer(r, "S", "MNIST_30", 2, 0.4, 0.0, 0.1);
    // model R: layer 2 swaps which of two neurons is active
    layer(r, "R", "MNIST_0", 1, 0.1, 0.3, 0.0, 0.2);
    layer(r, "R", "MNIST_30", 1, 0.1, 0.3, 0.0, 0.2);
    layer(r, "R", "MNIST_0", 2, 0.4, 0.0, 0.2);
    layer(r, "R", "MNIST_30", 2, 0.0, 0.4, 0.2);
    FigureHarness h = FigureHarness.run(new P10Figures(), "{\"fraction\": 0.1}", List.of("S", "R"), "model,dataset,layer,neuron,metric,value", r);
    Claim same = h.claim("S", "same neurons");
    assertTrue(same.held(), same.measured());
    assertTrue(same.measured().contains("layer 1: mean r 1.00") && same.measured().contains("layer 2: mean r 1.00"), same.measured());
    Claim reversed = h.claim("R", "same neurons");
    assertFalse(reversed.held());
    // deviations (0.2,-0.2,0) and (-0.2,0.2,0): r = -1
    assertTrue(reversed.measured().contains("layer 2: mean r -1.00"), reversed.measured());
    assertEquals(2, h.figure("6").panels().size(), "layer 2 of both models");
    assertEquals(4, h.figure("12").panels().size(), "2 layers x 2 models");
  }
}
