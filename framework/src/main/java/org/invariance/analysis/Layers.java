package org.invariance.analysis;

import java.util.ArrayList;
import java.util.List;

/** Which layers a probe measures: those its config names, or every layer of the model. */
public final class Layers {
  private Layers() {}

  /**
   * @param declared the config's {@code layers} (numbered from 1, the input), or null for all
   * @param top the model's number of layers
   */
  public static List<Integer> resolve(List<Integer> declared, int top, String model) {
    if (declared == null) {
      List<Integer> all = new ArrayList<>();
      for (int l = 1; l <= top; l++) all.add(l);
      return all;
    }
    for (int l : declared) {
      if (l < 1 || l > top) throw new IllegalArgumentException("layers: model " + model + " has layers 1.." + top + " (1 = the input), not " + l);
    }
    return declared;
  }
}
