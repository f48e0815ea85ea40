# Time 80 training steps of the shipped model at batch `bs` on this GPU, then run `dip_ddpm_train --resume` for as many
# epochs as fit in `budget` seconds (one-cycle needs the epoch count up front).
import sys, time, subprocess, math, torch
from dip_ddpm.ddpm import ddpm_learner, load_ddpm
from dip_ddpm.data import load_images, get_dls
budget, bs, slow = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
k, extra = (int(sys.argv[4]), sys.argv[5:]) if len(sys.argv) > 4 else (80, [])   # local dry runs: fewer probe steps, --n_train
dev = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
model, sched, ck = load_ddpm('ddpm_fmnist_small.pth', device=dev, ema=False)
dls = get_dls(load_images('fmnist', 'train', n=bs * k), load_images('fmnist', 'test', n=256), bs=bs, n_valid=256, device=dev)
learn = ddpm_learner(model, dls, sched)
with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-5)
if dev.type == 'cuda': torch.cuda.synchronize()
t = time.time()
with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-5)
if dev.type == 'cuda': torch.cuda.synchronize()
per_step = (time.time() - t) / k
epoch_s = (60000 // bs) * per_step * slow + 8
epochs = max(1, min(40, int(budget // epoch_s)))
print(f"probe: {per_step*1000:.1f} ms/step at bs {bs} -> ~{epoch_s:.0f} s/epoch (x{slow} for sharing the GPU) -> {epochs} epochs", flush=True)
cmd = ['--out', 'ddpm_fmnist_small.pth', '--resume', '--epochs', str(epochs), '--bs', str(bs), '--lr', '2e-3'] + extra
print('dip_ddpm_train ' + ' '.join(cmd), flush=True)
sys.exit(subprocess.call(['dip_ddpm_train'] + cmd))
