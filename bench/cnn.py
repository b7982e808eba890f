#!/usr/bin/env python3
"""The peer of the dl4j plugin's training step: the shipped example's CNN in PyTorch.

Same network as examples/cnn-rotation-mnist.yaml and org.invariance.bench.CnnBench: 28x28x1 input
(NCHW, PyTorch's default layout and Deeplearning4j's), conv 5x5x8 relu (stride 1, no padding), max
pool 2x2 stride 2, conv 5x5x16 relu, max pool 2x2, dense 128 relu, dense 10 with softmax
cross-entropy (averaged over the batch); Xavier (normal) weights, zero biases; SGD with Nesterov
momentum 0.9, lr 0.01; batch 64 of random inputs in [0, 1). Initialisation is not Deeplearning4j's
bit for bit: this measures time, and the shapes and the work are the same.

Tuned as tied_ae.py: inputs need no gradient, every buffer is reused (each batch is copied into a
fixed input tensor), gradients are zeroed in place, and the caller sets OMP_WAIT_POLICY=PASSIVE and
the BLAS kernel. Also times the forward pass of 1,000 images under torch.no_grad(), keeping every
layer's output (what the probes ask of a model). Prints one JSON object with per-iteration times.

Run by `./invariance bench` (--only cnn for this part); can be run alone:
    OMP_WAIT_POLICY=PASSIVE python3 bench/cnn.py --iterations 30
"""
import argparse
import json
import os

import peer_common


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--iterations", type=int, default=30)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--forward-images", type=int, default=1000)
    p.add_argument("--forward-iterations", type=int, default=10)
    p.add_argument("--forward-warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--onnx", help="also export the network to this ONNX file (opset 13), for the onnx plugin's forward")
    a = p.parse_args()

    import torch
    from torch import nn
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    net = nn.Sequential(
        nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2, 2),     # 8 x 24 x 24 -> 8 x 12 x 12
        nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2),    # 16 x 8 x 8 -> 16 x 4 x 4
        nn.Flatten(), nn.Linear(256, 128), nn.ReLU(),
        nn.Linear(128, 10))                                     # softmax is inside the loss
    for m in net:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_normal_(m.weight)
            nn.init.zeros_(m.bias)
    params = sum(t.numel() for t in net.parameters())
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, nesterov=True)
    loss_fn = nn.CrossEntropyLoss()

    # four batches of data, cycled; each is copied into the same input and label tensors
    data = torch.rand(4 * a.batch, 784)
    labels = torch.randint(0, 10, (4 * a.batch,))
    x = torch.empty(a.batch, 1, 28, 28)
    y = torch.empty(a.batch, dtype=torch.long)

    def step(k):
        off = (k % 4) * a.batch
        x.view(a.batch, 784).copy_(data[off:off + a.batch])
        y.copy_(labels[off:off + a.batch])
        loss = loss_fn(net(x), y)
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()
        return loss

    times = peer_common.timed(step, a.warmup, a.iterations)

    # the forward of many images, every layer's output kept
    big = torch.rand(a.forward_images, 1, 28, 28)

    def forward():
        outs = []
        h = big
        for m in net:
            h = m(h)
            outs.append(h)
        outs.append(torch.softmax(h, dim=1))
        return outs

    with torch.no_grad():
        forward_ms = peer_common.timed(lambda k: forward(), a.forward_warmup, a.forward_iterations)

    if a.onnx:
        # the same network and weights; the onnx plugin sees every ReLU and pooling output as a layer,
        # as the timed forward above keeps every layer's output
        torch.onnx.export(net, torch.zeros(1, 1, 28, 28), a.onnx, opset_version=13, input_names=["image"],
                          output_names=["logits"], dynamic_axes={"image": {0: "n"}, "logits": {0: "n"}})

    print(json.dumps({**peer_common.describe(torch),
                      "mkldnn": bool(torch.backends.mkldnn.is_available()),
                      "params": params, "batch": a.batch, "ms": times,
                      "forward_images": a.forward_images, "forward_ms": forward_ms}))


if __name__ == "__main__":
    main()
