#!/usr/bin/env python3
"""Shrink the PNG figures saved in notebooks: re-encode each as a 256-colour palette PNG when that is smaller.

The package's figures are grey-scale image grids and line plots with a few colours, so a palette loses
nothing visible while the saved outputs (the docs pages) shrink by about half. Run after regenerating
a notebook whose page check_docs.py reports over its size limit.

usage: python tools/shrink_pngs.py nbs/04_integration.ipynb [...]
"""
import base64, io, json, sys
from pathlib import Path
from PIL import Image

def shrink(png:bytes) -> bytes:
    im = Image.open(io.BytesIO(png))
    if im.mode == 'RGBA' and im.getextrema()[3][0] < 255: return png      # real transparency: leave it
    q = im.convert('RGB').quantize(256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO(); q.save(out, 'PNG', optimize=True)
    return out.getvalue() if len(out.getvalue()) < len(png) else png

if __name__ == '__main__':
    for name in sys.argv[1:]:
        p = Path(name); nb = json.loads(p.read_text()); before = after = 0
        for c in nb['cells']:
            for o in c.get('outputs', []):
                d = o.get('data', {})
                if 'image/png' not in d: continue
                raw = base64.b64decode(d['image/png']); new = shrink(raw)
                before += len(raw); after += len(new); d['image/png'] = base64.b64encode(new).decode() + '\n'
        tmp = p.with_suffix('.tmp'); tmp.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n'); tmp.replace(p)
        print(f"{p}: PNG outputs {before / 1024:.0f} KB -> {after / 1024:.0f} KB")
