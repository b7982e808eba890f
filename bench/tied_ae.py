#!/usr/bin/env python3
"""The peer of invariance's autoencoder step: one tied-weight AE training iteration in PyTorch.

Same shapes (784-512-256-128, batch 1000), same loss (binary cross-entropy summed over pixels,
averaged over the batch), same update (momentum 0.9, weight decay 0.004 on weights only, lr 0.01),
tuned as well as PyTorch allows on a CPU: inputs need no gradient, every buffer is reused (no
fresh tensors in the loop: data is copied into a fixed input tensor), and the caller sets
OMP_WAIT_POLICY=PASSIVE and the BLAS kernel. Prints one JSON object with per-iteration times.

Run by `./invariance bench`; can be run alone:  python3 bench/tied_ae.py --iterations 30
"""
import argparse
import json
import os

import peer_common


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--iterations", type=int, default=30)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()

    import torch
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    sizes = [784, 512, 256, 128]
    ws = []
    bs = []
    cs = []
    for i in range(3):
        r = 4 * (6.0 / (sizes[i] + sizes[i + 1])) ** 0.5
        ws.append(((torch.rand(sizes[i], sizes[i + 1]) * 2 - 1) * r).requires_grad_())
        bs.append(torch.zeros(sizes[i + 1], requires_grad=True))
        cs.append(torch.zeros(sizes[i], requires_grad=True))
    opt = torch.optim.SGD([{"params": ws, "weight_decay": 0.004},
                           {"params": bs + cs, "weight_decay": 0.0}], lr=0.01, momentum=0.9)
    data = torch.rand(4 * a.batch, 784)
    x = torch.empty(a.batch, 784)
    t = torch.empty(a.batch, 784)
    bce = torch.nn.BCEWithLogitsLoss(reduction="sum")

    def step(k):
        off = (k % 4) * a.batch
        x.copy_(data[off:off + a.batch])
        t.copy_(data[off:off + a.batch])
        h = x
        for i in range(3):
            h = torch.sigmoid(torch.addmm(bs[i], h, ws[i]))
        g = h
        for i in (2, 1):
            g = torch.sigmoid(torch.addmm(cs[i], g, ws[i].t()))
        z = torch.addmm(cs[0], g, ws[0].t())
        loss = bce(z, t) / a.batch
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()
        return loss

    times = peer_common.timed(step, a.warmup, a.iterations)
    print(json.dumps(dict(peer_common.describe(torch), ms=times)))


if __name__ == "__main__":
    main()
