#!/usr/bin/env python3
"""Benchmark DIP fitting; prints three markdown tables. Not a test.

1. Side by side, in one run: the `cpu` preset's 128 guides (the same held-out images `dip_ddpm reproduce`
   fits) with the original path (`fast=False`: fastai's per-tensor Adam), the current fp32 path (torch's
   fused Adam) and the bf16 path (bf16 weights, fp32 master copy): seconds, ms per step and the mean PSNR
   of the reconstructions to their targets.
2. Batched vs one at a time: seconds per image of the batched fp32 fit against single-image fits in the
   fastest single mode (fp32, fused Adam), same iterations.
3. fp32 vs bf16 per batch size (16, 64, 128 networks): ms per step, and whether bf16 is faster.

With --meta it prints, instead, the learned start against the random one on the same 128 held-out guides:
the PSNR after 5..100 iterations and the iterations each start needs to reach the random start's
100-iteration PSNR (mean ± std over 3 fit seeds), the wall time of a 128-image fit at those iterations, and
after how many fits the one-off meta-training (its time is read from the shipped file) pays for itself.
--save also writes that table to dip_ddpm/records/dip_meta.json for the records page.

usage: python tools/bench_dip.py [--iters 150] [--singles 8] [--table-iters 20] [--device cpu] [--meta [--save]]
"""
import argparse, json, datetime, torch
from dip_ddpm.data import load_images
from dip_ddpm.dip import fit_dip, psnr_pm1
from dip_ddpm.runs import presets, held_out_split
PRESETS = presets()
from dip_ddpm.hardware import hardware as _hardware, default_device

def fit(x, iters, **kw):
    r = fit_dip(x, n_iter=iters, seed=0, down=PRESETS['cpu'].dip_down, progress=False, **kw)
    return r.seconds, psnr_pm1(r.image.cpu(), x.cpu()).mean().item()

def meta_table(x, seeds=(0, 1, 2), at=(5, 10, 20, 50, 100)):
    "Both starts on the guides `x`: PSNR curves over seeds, iterations to the random start's 100-iteration PSNR, seconds."
    from dip_ddpm.dip import load_dip_init
    from dip_ddpm.metadip import psnr_curve, iters_to_reach
    curves = {i: torch.stack([psnr_curve(x, max(at), init=i, seed=s)[0] for s in seeds]) for i in ('random', 'meta')}
    goal = curves['random'][:, max(at) - 1]                       # per seed
    reach = {i: [iters_to_reach(c, g.item()) for c, g in zip(curves[i], goal)] for i in curves}
    ms = lambda v: f"{v.mean().item():.2f} ± {v.std().item():.2f}"
    need = {i: max(r or max(at) for r in reach[i]) for i in curves}                # the worst seed's iterations
    secs = {i: fit_dip(x, n_iter=need[i], init=i, seed=0, progress=False).seconds for i in curves}
    meta_s = load_dip_init('meta')['meta']['seconds']
    cols = ['start'] + [f'PSNR at {k} (dB)' for k in at] + ["iterations to random's 100-iteration PSNR", 'seconds per 128-image fit']
    rows = [[i] + [ms(curves[i][:, k - 1]) for k in at] + [' / '.join(str(r) for r in reach[i]), round(secs[i], 1)] for i in curves]
    saved = (secs['random'] - secs['meta']) / len(x)
    return dict(columns=cols, rows=rows, images=len(x), seeds=list(seeds), meta_training_s=meta_s,
                saved_s_per_image=round(saved, 4), break_even_images=round(meta_s / saved) if saved > 0 else None)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--iters', type=int, default=150, help="iterations of the side-by-side fits")
    ap.add_argument('--singles', type=int, default=8); ap.add_argument('--table-iters', type=int, default=20)
    ap.add_argument('--device', default=None, help='default: CUDA if available, else the CPU')
    ap.add_argument('--meta', action='store_true', help='the learned start against the random one')
    ap.add_argument('--save', action='store_true', help='with --meta: write dip_ddpm/records/dip_meta.json')
    a = ap.parse_args(); dev = default_device(a.device)
    cfg = PRESETS['cpu']
    x = held_out_split(load_images(cfg.data, 'test'), cfg.n_samples, cfg.n_ref, cfg.seed)[0].to(dev)
    if a.meta:
        fit(x[:2], 3); r = meta_table(x)
        r.update(date=datetime.date.today().isoformat(), machine=_hardware() if dev.type == 'cpu' else torch.cuda.get_device_name(dev))
        print(f"\nDIP starts | {r['images']} held-out guides of the cpu preset, fit seeds {r['seeds']} | {r['machine']} | torch {torch.__version__}\n")
        print('| ' + ' | '.join(r['columns']) + ' |\n|---|' + '---:|' * (len(r['columns']) - 1))
        for row in r['rows']: print('| ' + ' | '.join(map(str, row)) + ' |')
        print(f"\nmeta-training (one-off): {r['meta_training_s'] / 60:.1f} min; each image fitted from the learned start saves "
              f"{r['saved_s_per_image'] * 1e3:.0f} ms, so it pays for itself after {r['break_even_images']} images")
        if a.save:
            from pathlib import Path
            Path(__file__).parent.parent.joinpath('dip_ddpm/records/dip_meta.json').write_text(json.dumps(r, indent=1) + '\n')
        raise SystemExit(0)
    fit(x[:2], 3)                                                                        # warm-up
    print(f"\nDIP benchmark | {len(x)} Fashion-MNIST guides of the cpu preset, 28x28, down={cfg.dip_down} | "
          f"{_hardware() if dev.type == 'cpu' else torch.cuda.get_device_name(dev)} | torch {torch.__version__}\n")
    print(f"| path ({a.iters} iterations, {len(x)} networks batched) | seconds | ms per step | PSNR to targets (dB) | "
          "time / original |\n|---|---:|---:|---:|---:|")
    rows = {}
    for name, kw in (('original (fastai Adam, fp32)', dict(fast=False)), ('current fp32 (fused Adam)', dict(fast=True)),
                     ('bf16 weights + fp32 master (opt-in)', dict(fast=True, bf16=True))):
        s, p = rows[name] = fit(x, a.iters, **kw); s0 = next(iter(rows.values()))[0]
        print(f"| {name} | {s:.1f} | {1e3 * s / a.iters:.0f} | {p:.2f} | {s / s0:.2f} |", flush=True)
    batched = rows['current fp32 (fused Adam)'][0] / len(x)
    singles = [fit_dip(x[i:i + 1], n_iter=a.iters, seed=i, down=cfg.dip_down, progress=False).seconds
               for i in range(a.singles)]
    single = sum(singles) / len(singles)
    print(f"\n| mode ({a.iters} iterations, fp32, fused Adam) | seconds per image | ratio to one at a time |\n|---|---:|---:|")
    print(f"| one at a time (mean of {a.singles}) | {single:.3f} | 1.000 |")
    print(f"| batched, {len(x)} networks in one pass | {batched:.3f} | {batched / single:.3f} (target <= 0.2) |")
    print(f"\n| networks ({a.table_iters} iterations) | fp32 ms/step | bf16 ms/step | bf16 / fp32 | faster |\n|---:|---:|---:|---:|---|")
    for n in (16, 64, 128):
        f32, b16 = (1e3 * fit(x[:n], a.table_iters, bf16=b)[0] / a.table_iters for b in (False, True))
        print(f"| {n} | {f32:.1f} | {b16:.1f} | {b16 / f32:.2f} | {'bf16' if b16 < f32 / 1.1 else 'fp32'} |", flush=True)
    print("\nfit_dip's default is fp32 on every device: bf16 gradients lose tens of per cent of their accuracy "
          "(03_dip), which the PSNR column above shows.")
