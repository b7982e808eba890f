#!/usr/bin/python3
"""Reference data for the onnx plugin: a small residual CNN on Fashion-MNIST.

Trains the network in PyTorch, exports it to ONNX and writes, for the first
test images, PyTorch's own activations of every "default layer" (the outputs
of the graph's activation and pooling nodes), its logits, and a masked
forward pass in which a fixed set of neurons of one layer is zeroed. The Java
plugin's tests compare their engine's values with these files.

Run it with Debian's interpreter, which has python3-torch and python3-onnx:

    /usr/bin/python3 residual_cnn.py --out DIR

It needs neither torchvision nor a network: the IDX files are read here.
Training stops after a fixed number of steps, never on a clock, so that the
same seed gives the same model. The default 700 steps (batch 128, 1.5 epochs)
take about a minute with one torch thread on the project's 2-core machines
(~90 ms a step; two threads are ~50 ms but collapse when another process
competes for a core); the whole run takes 1-1.5 minutes. The same seed and
thread count give the same model.onnx bytes on the same machine (summation
order, hence the last bits, depends on the CPU's kernels).

Files written to DIR (all arrays little-endian, C order):
    model.onnx              the exported network (input "image", output
                            "logits", dynamic batch axis)
    images.f32              N x 1 x 28 x 28 raw pixels in [0, 1]
    labels.u8               N labels
    layer-<k>.f32           N x (C*H*W) activations of default layer k
    logits.f32              N x 10
    masked-layer-<k>.f32    default layer k > masked_layer, under the mask
    masked-logits.f32       N x 10, under the mask
    manifest.json           layer names and shapes, normalisation, mask and
                            provenance (torch version, opset, seed, SHA-256)
"""

import argparse
import gzip
import hashlib
import json
import os
import struct
import time

import numpy as np
import onnx
import torch
from torch import nn

MEAN = 0.2860
STD = 0.3530
CLASSES = 10
BATCH = 128
# Default layer 1 is the ReLU inside the residual block (layer 0 is the stem's
# ReLU): the skip connection bypasses it, so it is no cut point of the graph.
MASKED_LAYER = 1
MASKED_COUNT = 20

ACTIVATION_OPS = {"Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Selu",
                  "Softplus", "Softsign", "HardSigmoid", "PRelu", "Gelu",
                  "Mish"}
POOLING_OPS = {"MaxPool", "AveragePool", "GlobalAveragePool",
               "GlobalMaxPool", "LpPool"}
# The PyTorch module that each default-layer operator of this model comes from.
MODULE_OF_OP = {"Relu": nn.ReLU, "MaxPool": nn.MaxPool2d,
                "GlobalAveragePool": nn.AdaptiveAvgPool2d}
HOOKED_MODULES = tuple(MODULE_OF_OP.values())


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--iterations", type=int, default=700,
                        help="training steps of batch 128 (default 700)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--opset", type=int, default=13)
    parser.add_argument("--images", type=int, default=300,
                        help="test images to write (default 300)")
    parser.add_argument("--threads", type=int, default=1, choices=(1, 2),
                        help="torch threads; part of what fixes the bytes")
    parser.add_argument("--fashion",
                        default="/usr/share/datasets/fashion-mnist",
                        help="folder of the Fashion-MNIST IDX files")
    return parser.parse_args()


def read_idx(folder, stem):
    """Reads an IDX file, raw or gzip-compressed (stem.gz), as an array."""
    path = os.path.join(folder, stem)
    opener = open
    if not os.path.exists(path):
        path, opener = path + ".gz", gzip.open
    with opener(path, "rb") as stream:
        data = stream.read()
    zero, dtype_code, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype_code != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(f">{dims}I", data[4:4 + 4 * dims])
    array = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims)
    return array.reshape(shape)


def load_split(folder, split):
    """Returns (N x 1 x 28 x 28 float32 pixels in [0, 1], int64 labels)."""
    images = read_idx(folder, f"{split}-images-idx3-ubyte")
    labels = read_idx(folder, f"{split}-labels-idx1-ubyte")
    pixels = torch.from_numpy(images.astype(np.float32) / 255.0)
    return pixels.unsqueeze(1), torch.from_numpy(labels.astype(np.int64))


def normalise(pixels):
    """The model expects (x - MEAN) / STD; the Java side gets both."""
    return (pixels - MEAN) / STD


def conv_bn(cin, cout):
    """3x3 convolution (no bias: BatchNorm has one) and BatchNorm."""
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False),
                         nn.BatchNorm2d(cout))


class ResidualBlock(nn.Module):
    """conv-BN-ReLU-conv-BN, plus the input, then ReLU."""

    def __init__(self, channels):
        super().__init__()
        self.first = conv_bn(channels, channels)
        self.inner_relu = nn.ReLU()
        self.second = conv_bn(channels, channels)
        self.out_relu = nn.ReLU()

    def forward(self, x):
        y = self.second(self.inner_relu(self.first(x)))
        return self.out_relu(y + x)


class ResidualCnn(nn.Module):
    """1 x 28 x 28 -> 10 logits; each ReLU is its own module for hooks."""

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(1, 16)
        self.stem_relu = nn.ReLU()
        self.block = ResidualBlock(16)
        self.pool = nn.MaxPool2d(2)
        self.widen = conv_bn(16, 32)
        self.widen_relu = nn.ReLU()
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(0.2)
        self.head = nn.Linear(32, CLASSES)

    def forward(self, x):
        x = self.block(self.stem_relu(self.stem(x)))
        x = self.widen_relu(self.widen(self.pool(x)))
        x = torch.flatten(self.gap(x), 1)
        return self.head(self.dropout(x))


def train(model, images, labels, iterations, seed):
    """Adam with a one-cycle schedule (peak 0.01), batch 128, reshuffled
    each epoch by a seeded generator."""
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-2)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=1e-2,
                                                   total_steps=iterations)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(images), generator=generator)
    cursor = 0
    model.train()
    for step in range(iterations):
        if cursor + BATCH > len(images):
            order, cursor = torch.randperm(len(images), generator=generator), 0
        batch = order[cursor:cursor + BATCH]
        cursor += BATCH
        optimiser.zero_grad()
        loss = loss_fn(model(normalise(images[batch])), labels[batch])
        loss.backward()
        optimiser.step()
        schedule.step()
        if (step + 1) % 200 == 0:
            print(f"step {step + 1}/{iterations}: loss {loss.item():.4f}",
                  flush=True)


@torch.no_grad()
def accuracy(model, images, labels):
    """Fraction of images classified correctly, in eval mode."""
    model.eval()
    correct = 0
    for start in range(0, len(images), 1000):
        logits = model(normalise(images[start:start + 1000]))
        correct += (logits.argmax(1) == labels[start:start + 1000]).sum()
    return correct.item() / len(images)


def default_layers(path):
    """Output names of the activation and pooling nodes, in graph order."""
    graph = onnx.load(path).graph
    return [(node.output[0], node.op_type) for node in graph.node
            if node.op_type in ACTIVATION_OPS | POOLING_OPS]


@torch.no_grad()
def forward_with_layers(model, inputs, mask=None):
    """Logits and [(module, output)] of every hooked module as it runs.

    With a mask, the output of default layer MASKED_LAYER is multiplied by it
    before the rest of the network sees it.
    """
    trace = []

    def record(module, args, output):
        if mask is not None and len(trace) == MASKED_LAYER:
            output = output * mask
        trace.append((module, output))
        return output

    handles = [m.register_forward_hook(record) for m in model.modules()
               if isinstance(m, HOOKED_MODULES)]
    try:
        logits = model(inputs)
    finally:
        for handle in handles:
            handle.remove()
    return logits, trace


def check_layers(layers, trace):
    """Fails loudly unless the modules, as they ran, match the ONNX nodes.

    Hooks see modules in execution order and the node list is topological;
    for this chain-with-a-skip network both orders are the same, so the k-th
    output must come from a module of the k-th node's kind.
    """
    if len(layers) != len(trace):
        raise SystemExit(f"{len(layers)} ONNX default layers but "
                         f"{len(trace)} hooked module outputs")
    for (name, op), (module, _) in zip(layers, trace):
        if not isinstance(module, MODULE_OF_OP.get(op, ())):
            raise SystemExit(f"ONNX node {name} ({op}) lines up with "
                             f"{type(module).__name__}")


def write_array(path, array, dtype):
    np.ascontiguousarray(array, dtype=dtype).tofile(path)


def sha256(path):
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def main():
    args = parse_args()
    started = time.monotonic()
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    os.makedirs(args.out, exist_ok=True)

    train_x, train_y = load_split(args.fashion, "train")
    test_x, test_y = load_split(args.fashion, "t10k")
    model = ResidualCnn()
    params = sum(p.numel() for p in model.parameters())
    print(f"torch {torch.__version__}, {args.threads} thread(s), "
          f"{params} parameters", flush=True)
    train(model, train_x, train_y, args.iterations, args.seed)
    test_accuracy = accuracy(model, test_x, test_y)
    print(f"test accuracy {test_accuracy:.4f} "
          f"({time.monotonic() - started:.1f} s)", flush=True)

    model.eval()
    onnx_path = os.path.join(args.out, "model.onnx")
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), onnx_path,
                      opset_version=args.opset, input_names=["image"],
                      output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"},
                                    "logits": {0: "batch"}},
                      do_constant_folding=True)
    layers = default_layers(onnx_path)

    pixels = test_x[:args.images]
    logits, trace = forward_with_layers(model, normalise(pixels))
    check_layers(layers, trace)
    activations = [output for _, output in trace]
    shapes = [list(a.shape[1:]) for a in activations]

    neurons = int(np.prod(shapes[MASKED_LAYER]))
    rng = np.random.RandomState(args.seed)
    masked = sorted(rng.choice(neurons, MASKED_COUNT, replace=False).tolist())
    mask = torch.ones(neurons)
    mask[masked] = 0.0
    masked_logits, masked_trace = forward_with_layers(
        model, normalise(pixels), mask.reshape(1, *shapes[MASKED_LAYER]))

    n = len(pixels)
    write_array(os.path.join(args.out, "images.f32"), pixels.numpy(), "<f4")
    write_array(os.path.join(args.out, "labels.u8"),
                test_y[:n].numpy(), np.uint8)
    write_array(os.path.join(args.out, "logits.f32"), logits.numpy(), "<f4")
    write_array(os.path.join(args.out, "masked-logits.f32"),
                masked_logits.numpy(), "<f4")
    for k, activation in enumerate(activations):
        write_array(os.path.join(args.out, f"layer-{k}.f32"),
                    activation.reshape(n, -1).numpy(), "<f4")
        if k > MASKED_LAYER:
            write_array(os.path.join(args.out, f"masked-layer-{k}.f32"),
                        masked_trace[k][1].reshape(n, -1).numpy(), "<f4")

    manifest = {
        "layers": [name for name, _ in layers],
        "shapes": shapes,
        "images": n,
        "classes": CLASSES,
        "mean": [MEAN],
        "std": [STD],
        "masked_layer": MASKED_LAYER,
        "masked_neurons": masked,
        "torch": torch.__version__,
        "opset": args.opset,
        "seed": args.seed,
        "threads": args.threads,
        "iterations": args.iterations,
        "test_accuracy": test_accuracy,
        "sha256": sha256(onnx_path),
    }
    with open(os.path.join(args.out, "manifest.json"), "w") as stream:
        json.dump(manifest, stream, indent=1)
        stream.write("\n")
    for (name, op), shape in zip(layers, shapes):
        print(f"  {op:<18} {name:<40} {shape}")
    print(f"model.onnx {os.path.getsize(onnx_path)} bytes, "
          f"sha256 {manifest['sha256']}; {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
