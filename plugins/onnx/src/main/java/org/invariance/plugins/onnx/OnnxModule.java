package org.invariance.plugins.onnx;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code onnx} model: networks trained elsewhere and exported to ONNX. */
public final class OnnxModule extends PluginModule {
  @Override
  protected void configure() {
    model("onnx").to(OnnxPlugin.class);
  }
}
