#!/usr/bin/env python3
"""Learning curve of a DDPM while it trains. Not a test.

`dip_ddpm_train` rewrites its checkpoint after every epoch. This script watches that file; each time it changes it
copies it, samples from its EMA weights with 20-step DDIM, 20- and 10-step DPM-Solver++ and 1000-step DDPM from noise (3 seeds, `--n` samples
each) and appends one JSON line: FID in the shipped classifier's feature space against the `cpu` preset's 2000
held-out reals, on the first 128 samples of each seed (the size README's table uses) and on all `--n`.

usage: python tools/train_curve.py --ckpt ddpm.pth --log curve.jsonl [--n 512] [--until-pid PID] [--deadline 600]
       python tools/train_curve.py --ckpt ddpm.pth --log curve.jsonl --once      (evaluate one checkpoint)
       python tools/train_curve.py --ckpt a.pth --log c.jsonl --once --n 256 --chunk 128   (two checkpoints, same noise)
       python tools/train_curve.py --ckpt a.pth --log c.jsonl --once --only dpmpp20,dpmpp10 --seeds 0,1,2,3  (some samplers, other seeds)
"""
import argparse, json, os, shutil, tempfile, time
import torch
from dip_ddpm.ddpm import load_ddpm
from dip_ddpm.samplers import sample
from dip_ddpm.data import load_images
from dip_ddpm.metrics import ClassifierFeatures, RefStats, load_classifier, mean_std
from dip_ddpm.runs import presets, held_out_split
PRESETS = presets()
from dip_ddpm.hardware import hardware, default_device

SAMPLERS = {'ddim20': dict(method='ddim', steps=20), 'dpmpp20': dict(method='dpm++', steps=20),
            'dpmpp10': dict(method='dpm++', steps=10), 'ddpm1000': dict(method='ddpm', steps=1000)}
EXTRA = {'dpmpp50': dict(method='dpm++', steps=50), 'ddim100': dict(method='ddim', steps=100)}   # only with --only: near the ODE's own limit

def draw(model, sched, n, seed, chunk, **kw):
    "`n` samples for `seed`: one call, or calls of at most `chunk` (seeds seed*1000+j; faster on a CPU)."
    if not chunk: r = sample(model, sched, n=n, seed=seed, progress=False, **kw); return r.images.float().cpu(), r.seconds
    rs = [sample(model, sched, n=min(chunk, n - i), seed=seed * 1000 + j, progress=False, **kw)
          for j, i in enumerate(range(0, n, chunk))]
    return torch.cat([r.images.float().cpu() for r in rs]), sum(r.seconds for r in rs)

def evaluate(path, ref:RefStats, n:int, seeds=(0, 1, 2), samplers=None, chunk=None) -> dict:
    "FIDs (mean, std over seeds, and each seed's) of each sampler for the EMA weights in checkpoint `path`."
    dev = ref.dev
    model, sched, ck = load_ddpm(path, device=dev)
    out = dict(epochs_done=ck['meta'].get('epochs_done'), steps=ck['meta'].get('steps'), wall_s=ck['meta'].get('wall_s'),
               valid_loss=ck['meta'].get('valid_loss'), n=n, seeds=list(seeds))
    for name, kw in (samplers or SAMPLERS).items():
        f128, fn, secs = [], [], []
        for s in seeds:
            x, sec = draw(model, sched, n, s, chunk, **kw); secs.append(sec)
            f128.append(ref.fid(x[:128])); fn.append(ref.fid(x))
        (m1, s1), (m2, s2) = mean_std(f128), mean_std(fn)
        out[name] = dict(fid128=round(m1, 3), fid128_std=round(s1, 3), fid=round(m2, 3), fid_std=round(s2, 3),
                         fids=[round(f, 3) for f in fn], seconds=round(sum(secs) / len(secs), 2))
    return out

def alive(pid):
    if pid is None: return False
    try: os.kill(pid, 0); return True
    except OSError: return False

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', required=True); ap.add_argument('--log', required=True)
    ap.add_argument('--n', type=int, default=512); ap.add_argument('--until-pid', type=int, default=None)
    ap.add_argument('--deadline', type=float, default=3600, help='stop after this many seconds')
    ap.add_argument('--once', action='store_true'); ap.add_argument('--tag', default=None)
    ap.add_argument('--ddpm-steps', type=int, default=1000, help='fewer only to try the script out quickly')
    ap.add_argument('--only', default=None, help='comma-separated samplers to run, e.g. dpmpp20,dpmpp10 or dpmpp50,ddim100 (default: all but those two)')
    ap.add_argument('--seeds', default='0,1,2', help='comma-separated seeds (default 0,1,2)')
    ap.add_argument('--chunk', type=int, default=None, help='sample in calls of at most this many (same seeds for every checkpoint, so two checkpoints are compared pairwise)')
    a = ap.parse_args(); t0 = time.time()
    dev = default_device()
    cpu = PRESETS['cpu']
    _, ref_imgs = held_out_split(load_images('fmnist', 'test'), cpu.n_samples, cpu.n_ref, cpu.seed)
    ref = RefStats(ref_imgs, ClassifierFeatures(load_classifier(device=dev)))
    snap = os.path.join(tempfile.mkdtemp(), 'snapshot.pth')
    def run(tag):
        shutil.copy(a.ckpt, snap)
        smp = dict(SAMPLERS, ddpm1000=dict(method='ddpm', steps=a.ddpm_steps))
        if a.only: smp = {k: dict(smp, **EXTRA)[k] for k in a.only.split(',')}
        rec = dict(evaluate(snap, ref, a.n, seeds=[int(x) for x in a.seeds.split(',')], samplers=smp, chunk=a.chunk), chunk=a.chunk, tag=tag, t=round(time.time() - t0, 1), hardware=hardware())
        with open(a.log, 'a') as f: f.write(json.dumps(rec) + '\n')
        print(json.dumps(rec), flush=True)
    if a.once: run(a.tag or 'once'); raise SystemExit(0)
    seen = None
    while time.time() - t0 < a.deadline:
        m = os.path.getmtime(a.ckpt) if os.path.exists(a.ckpt) else None
        if m is not None and m != seen: seen = m; run(a.tag or 'epoch'); continue
        if not alive(a.until_pid): break
        time.sleep(2)
