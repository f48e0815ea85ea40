#!/usr/bin/env python3
"""Execute lessons headless, top to bottom in a fresh kernel as Run All does, and save their outputs into the
notebooks (what the docs site shows), except for `#| slow` and `#| cuda` cells, which keep the outputs saved from
their own run (a run without DIP_DDPM_RUN_SLOW=1 or without a GPU would leave them empty). Run `nbdev-clean` after.

usage: python tools/save_outputs.py 05a_runs 06_experiments ...
"""
import json, re, subprocess, sys, tempfile
from pathlib import Path

NBS = Path(__file__).resolve().parents[1] / 'nbs'
KEEP = re.compile(r'^#\|\s*(slow|cuda)\b', re.M)

def save_outputs(name:str):
    "Execute nbs/`name`.ipynb into a temporary copy and take over its outputs, but for slow and cuda cells."
    src = NBS / f'{name}.ipynb'
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'notebook', '--execute', src.name,
                            '--output-dir', d, '--ExecutePreprocessor.timeout=1200'], cwd=NBS,
                           capture_output=True, text=True)
        if r.returncode: sys.exit(f"{name} failed:\n{r.stderr[-3000:]}")
        ran = json.loads((Path(d) / src.name).read_text())
    nb = json.loads(src.read_text())
    for old, new in zip(nb['cells'], ran['cells']):
        if old['cell_type'] != 'code' or KEEP.search(''.join(old['source'])): continue
        old['outputs'] = [o for o in new['outputs'] if not (o.get('output_type') == 'stream' and o.get('name') == 'stderr')]
        old['execution_count'] = new.get('execution_count')
    src.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
    print(f"{name}: outputs saved")

if __name__ == '__main__':
    for n in sys.argv[1:]: save_outputs(n)
