#!/usr/bin/env python3
"""Benchmark DDPM training and sampling; prints one markdown table. Not a test.

- training images/s: the fastai Learner (ddpm_learner: noising callback, EMA, bf16 callback, progress bar)
  vs a bare PyTorch loop doing the same work (same model, batch, data, noising, Adam, EMA), fp32 and bf16;
- sampler overhead: seconds per sampling step divided by the seconds of one UNet forward pass;
- the precision table: fp32 vs bf16 training images/s and sampling-step seconds at batch 16, 64 and 128,
  the batch sizes the package uses, beside the default `prefer_bf16` picks on this device.

usage: python tools/bench_ddpm.py [--preset small] [--bs 64] [--steps 30] [--device cpu] [--only precision]
       python tools/bench_ddpm.py --only precision --preset base --size 64 --channels 3   (the paper preset's UNet)
"""
import argparse, copy, statistics, time
import torch, torch.nn.functional as F
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn
from fastai.callback.core import Callback
from dip_ddpm.schedules import NoiseSchedule
from dip_ddpm.unet import unet_preset, n_params
from dip_ddpm.data import load_images, get_dls
from dip_ddpm.ddpm import ddpm_learner
from dip_ddpm.samplers import sample
from dip_ddpm.hardware import hardware as _hardware, prefer_bf16, default_device

def sync(dev):
    if dev.type == 'cuda': torch.cuda.synchronize()

class TrainTimer(Callback):
    "Time the training phase only (not validation)."
    order = 99
    def before_train(self): sync(self.dls.device or torch.device('cpu')); self.t0 = time.perf_counter()
    def after_train(self): sync(self.dls.device or torch.device('cpu')); self.seconds = time.perf_counter() - self.t0

def learner_ips(base, dls, sched, bf16, steps, bs, lr=1e-3):
    model = copy.deepcopy(base)
    tt = TrainTimer()
    learn = ddpm_learner(model, dls, sched, ema_decay=0.999, bf16=bf16, lr=lr, cbs=[tt])
    learn.fit(1, lr)                     # warm-up epoch (allocations, autotuning)
    learn.fit(1, lr)
    return steps * bs / tt.seconds

def bare_ips(base, dls, sched, bf16, steps, bs, lr=1e-3):
    model = copy.deepcopy(base); dev = next(model.parameters()).device
    opt = torch.optim.Adam(model.parameters(), lr)
    ema = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(0.999), use_buffers=True)
    def epoch():
        model.train()
        for x0, _ in dls.train:
            t = torch.randint(0, sched.T, (x0.shape[0],), device=dev); eps = torch.randn_like(x0)
            with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=bf16):
                loss = F.mse_loss(model(sched.q_sample(x0, t, eps), t).float(), eps)
            opt.zero_grad(); loss.backward(); opt.step(); ema.update_parameters(model)
    epoch(); sync(dev); t0 = time.perf_counter(); epoch(); sync(dev)
    return steps * bs / (time.perf_counter() - t0)

@torch.no_grad()
def overhead(model, sched, bs, k, bf16, dev):
    c, hw = model.config['in_ch'], model.config['img_size']
    model.eval(); x = torch.randn(bs, c, hw, hw, device=dev); t = torch.full((bs,), 500, device=dev)
    def fwd():
        with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=bf16): model(x, t)
    for _ in range(3): fwd()
    ts = []
    for _ in range(k): sync(dev); t0 = time.perf_counter(); fwd(); sync(dev); ts.append(time.perf_counter() - t0)
    f = statistics.median(ts)
    sample(model, sched, n=bs, steps=3, seed=0, bf16=bf16, progress=False, device=dev)
    per = statistics.median(sample(model, sched, n=bs, steps=k, seed=i, bf16=bf16, progress=False, device=dev).seconds / k for i in range(3))
    return f, per

def train_step_s(base, sched, bs, bf16, dev, k=4):
    "Median seconds of one bare training step (noising, forward, loss, backward, Adam) at batch `bs`."
    model = copy.deepcopy(base).train(); opt = torch.optim.Adam(model.parameters(), 1e-3)
    x0 = torch.randn(bs, base.config['in_ch'], base.config['img_size'], base.config['img_size'], device=dev).clamp(-1, 1); ts = []
    for i in range(k + 1):
        sync(dev); t0 = time.perf_counter()
        t = torch.randint(0, sched.T, (bs,), device=dev); eps = torch.randn_like(x0)
        with torch.autocast(dev.type, dtype=torch.bfloat16, enabled=bf16):
            loss = F.mse_loss(model(sched.q_sample(x0, t, eps), t).float(), eps)
        opt.zero_grad(); loss.backward(); opt.step(); sync(dev)
        if i: ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

def precision_table(base, sched, dev, name='small', bss=(16, 64, 128)):
    hw = base.config['img_size']
    print(f"\nPrecision table | {name} UNet ({n_params(base)/1e6:.2f}M params), {base.config['in_ch']}x{hw}x{hw} | {_hardware()} | torch {torch.__version__}\n")
    print("| batch | train img/s fp32 | train img/s bf16 | sampling step s fp32 | sampling step s bf16 | faster |\n|---:|---:|---:|---:|---:|---|")
    for bs in bss:
        tr = [bs / train_step_s(base, sched, bs, b, dev) for b in (False, True)]
        sp = [overhead(base, sched, bs, 5, b, dev)[1] for b in (False, True)]
        fast = 'bf16' if tr[1] > 1.1 * tr[0] and sp[1] < sp[0] / 1.1 else ('fp32' if tr[0] >= tr[1] and sp[0] <= sp[1] else 'mixed')
        print(f"| {bs} | {tr[0]:.0f} | {tr[1]:.0f} | {sp[0]:.4f} | {sp[1]:.4f} | {fast} |", flush=True)
    print(f"\ndefault picked by dip_ddpm.hardware.prefer_bf16('{dev.type}') on this machine: {'bf16' if prefer_bf16(dev) else 'fp32'}")

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--preset', default='small'); ap.add_argument('--bs', type=int, default=64)
    ap.add_argument('--steps', type=int, default=30); ap.add_argument('--device', default=None)
    ap.add_argument('--only', default='', help="'precision': print the precision table only")
    ap.add_argument('--size', type=int, default=28); ap.add_argument('--channels', type=int, default=1)
    a = ap.parse_args(); dev = default_device(a.device); torch.manual_seed(0)
    sched = NoiseSchedule.linear(); base = unet_preset(a.preset, in_ch=a.channels, img_size=a.size).to(dev)
    if a.only == 'precision': precision_table(base, sched, dev, a.preset); raise SystemExit
    dls = get_dls(load_images('fmnist', 'train', n=a.steps * a.bs), load_images('fmnist', 'test', n=a.bs), bs=a.bs, n_valid=a.bs, device=dev)
    rows = []
    for bf16 in (False, True):
        li, bi = learner_ips(base, dls, sched, bf16, a.steps, a.bs), bare_ips(base, dls, sched, bf16, a.steps, a.bs)
        rows.append((bf16, li, bi))
    f32, b16 = rows[0], rows[1]
    print(f"\nDDPM benchmark | {a.preset} UNet ({n_params(base)/1e6:.2f}M params), batch {a.bs}, 28x28 | {_hardware()} | torch {torch.__version__}\n")
    print("| measure | fp32 | bf16 |\n|---|---|---|")
    print(f"| training images/s, fastai Learner | {f32[1]:.1f} | {b16[1]:.1f} |")
    print(f"| training images/s, bare PyTorch loop | {f32[2]:.1f} | {b16[2]:.1f} |")
    print(f"| Learner / bare loop (target >= 0.95) | {f32[1]/f32[2]:.3f} | {b16[1]/b16[2]:.3f} |")
    print(f"| bf16 / fp32 step time (Learner) | | {f32[1]/b16[1]:.3f} |")
    for bf16 in (False, True):
        f, per = overhead(base, sched, a.bs, 20, bf16, dev)
        rows.append((f, per))
    print(f"| one UNet forward, batch {a.bs} (s) | {rows[2][0]:.4f} | {rows[3][0]:.4f} |")
    print(f"| one sampling step (s) | {rows[2][1]:.4f} | {rows[3][1]:.4f} |")
    print(f"| sampler overhead: step / forward (target <= 1.05) | {rows[2][1]/rows[2][0]:.3f} | {rows[3][1]/rows[3][0]:.3f} |")
    precision_table(base, sched, dev, a.preset)
