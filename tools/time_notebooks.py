#!/usr/bin/env python3
"""Time each lesson's Run All and write the record the measurements page prints. Not a test.

Each notebook runs top to bottom in a fresh kernel (`jupyter nbconvert --execute`, one at a time, outputs discarded),
as JupyterLab's Run All does, on this machine's default precision; with `--avx2` also with the CPU's bf16 and AVX-512
kernels switched off (`ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2`), the code paths of an AVX2-only CPU.

With `--save` the native run's outputs are saved into the notebooks (what the docs show), except for the notebooks
named by `--keep` (those whose saved outputs come from a `DIP_DDPM_RUN_SLOW=1` run). Then run `nbdev-clean`.
With `--only` the measured rows replace their namesakes in the existing record; every row keeps its own date.

usage: python tools/time_notebooks.py [--avx2] [--save] [--keep 04_integration] [--only 02_ddpm 03_dip]
"""
import argparse, datetime, json, os, subprocess, sys, tempfile, time
from pathlib import Path

GOAL_S = 300

def run_all(nb:Path, env:dict, inplace:bool=False) -> float:
    "Seconds to execute `nb` top to bottom in a fresh kernel (saving its outputs if `inplace`); raises if a cell fails."
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        where = ['--inplace'] if inplace else ['--output-dir', d]
        r = subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'notebook', '--execute', str(nb.name),
                            *where, '--ExecutePreprocessor.timeout=1200'], cwd=nb.parent, env=env,
                           capture_output=True, text=True)
        secs = time.perf_counter() - t0
    if r.returncode: raise RuntimeError(f"{nb.name} failed:\n{r.stderr[-3000:]}")
    return secs

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--avx2', action='store_true', help='also time with bf16 and AVX-512 kernels switched off')
    ap.add_argument('--only', nargs='*', help='notebook names (without .ipynb); default: every lesson')
    ap.add_argument('--save', action='store_true', help="save the native run's outputs into the notebooks")
    ap.add_argument('--keep', nargs='*', default=['04_integration'], help='with --save: notebooks whose outputs stay')
    ap.add_argument('--out', default=str(Path(__file__).parents[1] / 'dip_ddpm' / 'records' / 'runall.json'))
    a = ap.parse_args()
    from dip_ddpm.hardware import hardware
    nbs = sorted(p for p in (Path(__file__).parents[1] / 'nbs').glob('*.ipynb') if not a.only or p.stem in a.only)
    nbs.sort(key=lambda p: p.stem == '90_measurements')      # last: it prints this record
    env = dict(os.environ, DIP_DDPM_RUN_SLOW='0')
    today = datetime.date.today().isoformat()
    rec0 = json.loads(Path(a.out).read_text()) if a.only and Path(a.out).exists() else dict(rows=[], date=today)
    old, prev_date = rec0['rows'], rec0['date']
    rows = []
    def save():
        merged = {r['notebook']: dict(r, date=r.get('date', prev_date)) for r in old}
        merged.update({r['notebook']: r for r in rows})
        rec = dict(date=today, machine=hardware(), goal_s=GOAL_S,
                   command='python tools/time_notebooks.py' + (' --avx2' if a.avx2 else ''),
                   rows=sorted(merged.values(), key=lambda r: (r['notebook'] == '90_measurements', r['notebook'])))
        tmp = Path(a.out).with_suffix('.tmp'); tmp.write_text(json.dumps(rec, indent=1) + '\n'); tmp.replace(a.out)
    print(f"| notebook | native (s) |{' bf16 and AVX-512 off (s) |' if a.avx2 else ''}\n|---|---:|{'---:|' if a.avx2 else ''}")
    for nb in nbs:              # the record is written after each notebook, so the measurements page (last) prints it
        row = dict(notebook=nb.stem, date=today, native_s=round(run_all(nb, env, a.save and nb.stem not in a.keep)))
        if a.avx2: row['avx2_paths_s'] = round(run_all(nb, dict(env, ATEN_CPU_CAPABILITY='avx2', ONEDNN_MAX_CPU_ISA='AVX2')))
        rows.append(row); save()
        print(f"| {nb.stem} | {row['native_s']} |" + (f" {row['avx2_paths_s']} |" if a.avx2 else ''), flush=True)
    print(f"written to {a.out}")
