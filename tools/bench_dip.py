#!/usr/bin/env python3
"""Benchmark DIP fitting: per-image time for N images fitted as one batch of independent networks
(grouped convolutions) vs fitted one at a time, same iterations. Prints one markdown table. Not a test.

usage: python tools/bench_dip.py [--n 64] [--iters 50] [--size 28] [--singles 8]
(--singles: how many of the N images to fit one at a time; the per-image time is their mean)
"""
import argparse, torch
from dip_ddpm.data import load_images
from dip_ddpm.dip import fit_dip
from dip_ddpm.core import hardware as _hardware

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    for k, v in (('n', 64), ('iters', 50), ('size', 28), ('singles', 8)): ap.add_argument(f'--{k}', type=int, default=v)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    a = ap.parse_args()
    x = load_images('fmnist', 'test', n=a.n, size=a.size).to(a.device)
    fit_dip(x[:2], n_iter=3, seed=0, progress=False)                                    # warm-up
    batched = fit_dip(x, n_iter=a.iters, seed=0, progress=False).seconds / a.n
    singles = [fit_dip(x[i:i + 1], n_iter=a.iters, seed=i, progress=False).seconds for i in range(a.singles)]
    single = sum(singles) / len(singles)
    print(f"\nDIP benchmark | {a.n} Fashion-MNIST images {a.size}x{a.size}, {a.iters} iterations | {_hardware()} | torch {torch.__version__}\n")
    print("| mode | seconds per image | ratio to one-at-a-time |\n|---|---|---|")
    print(f"| one at a time (mean of {a.singles}) | {single:.3f} | 1.000 |")
    print(f"| batched, {a.n} networks in one pass | {batched:.3f} | {batched / single:.3f} (target <= 0.2) |")
