#!/usr/bin/env python3
"""Write the shipped model's training record into its checkpoint, so that 02_ddpm shows it from the file itself.

The shipped Fashion-MNIST model was trained in several `dip_ddpm_train` calls (the first from scratch, the rest with
`--resume`), on two machines. A checkpoint's metadata keeps only the first command and the last `resumed_with`, so
this script adds `meta['history']` (every call: command, hardware, steps after it, its own wall time, from
history.json) and `meta['curve']` (the learning curve: FID of 20-step DDIM and 1000-step DDPM per epoch, from the
JSON lines of tools/train_curve.py). With `--continuation`, it also adds `meta['continuation']`: a further call
that was *not* shipped, and both models scored side by side with the same noise (does the 1000-step FID still
improve?). With `--few`, `meta['few_step']`: the samplers scored on the shipped weights at one sample count and one way of
drawing the noise, each with its own seeds (the last line of each JSON-lines file of tools/train_curve.py). The weights are not touched.
Written to a temporary file, then renamed.

usage: python tools/train/record_history.py --ckpt IN.pth --out OUT.pth --history tools/train/history.json \
           --curves tools/train/curve_*.jsonl [--continuation tools/train/continuation.json] [--few few.jsonl ddpm.jsonl]
"""
import argparse, json, os, torch

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', required=True); ap.add_argument('--out', required=True)
    ap.add_argument('--history', required=True); ap.add_argument('--curves', nargs='+', required=True)
    ap.add_argument('--continuation', default=None); ap.add_argument('--few', nargs='+', default=None)
    a = ap.parse_args()
    ck = torch.load(a.ckpt, map_location='cpu', weights_only=False)
    hist = json.load(open(a.history))
    pts = {}
    for f in a.curves:
        for line in open(f):
            d = json.loads(line)
            pts[d['steps']] = dict(steps=d['steps'], valid_loss=d['valid_loss'], n=d['n'], seeds=d['seeds'],
                                   **{k: {m: d[k][m] for m in ('fid', 'fid_std', 'fid128', 'fid128_std')}
                                      for k in ('ddim20', 'ddpm1000')},
                                   hardware=d.get('hardware', 'NVIDIA H200'))
    if hist[-1]['steps_after'] != ck['meta']['steps']:
        raise SystemExit(f"history ends at {hist[-1]['steps_after']} steps, the checkpoint has {ck['meta']['steps']}")
    ck['meta'] = dict(ck['meta'], history=hist, curve=[pts[s] for s in sorted(pts)])
    if a.continuation:
        c = json.load(open(a.continuation))
        if c['shipped']['steps'] != ck['meta']['steps']:
            raise SystemExit(f"continuation's shipped model has {c['shipped']['steps']} steps, the checkpoint {ck['meta']['steps']}")
        ck['meta']['continuation'] = c
    if a.few:
        few = {}
        for path in a.few:                      # the last line of each file; its samplers, each with its own seeds
            rec = json.loads(open(path).read().splitlines()[-1])
            if rec['steps'] != ck['meta']['steps']: raise SystemExit(f"{path} scored {rec['steps']} steps, the checkpoint has {ck['meta']['steps']}")
            for k, v in rec.items():
                if isinstance(v, dict): few[k] = dict(v, n=rec['n'], seeds=rec['seeds'], chunk=rec.get('chunk'), hardware=rec['hardware'])
        ck['meta']['few_step'] = few
    tmp = a.out + '.tmp'; torch.save(ck, tmp); os.replace(tmp, a.out)
    print(f"{a.out}: {len(hist)} calls, {len(pts)} curve points, {os.path.getsize(a.out) / 1e6:.1f} MB")
