#!/usr/bin/env python3
"""Check the notebooks as the docs site will show them, without Quarto.

Run `nbdev-proc-nbs` first (it writes the processed pages to `_proc/`; `.ci/run` does both). This script
then checks every processed page for what a reader would trip on, renders the pages to plain HTML
with nbconvert (`_docs_preview/`, open `_docs_preview/index.html` in a browser to preview the site's
content; offline, LaTeX shows as source because MathJax comes from the network), and with `--screenshot` takes headless-Chromium screenshots of some pages (Debian's
`chromium` package) so a change can be looked at as a picture.

    nbdev-proc-nbs && python tools/check_docs.py --screenshot index 04_integration

Checks, per processed notebook: no stderr output, no progress-bar frame walls, no machine-local
paths, no base64 animations (GIFs are files linked from markdown), figures at about 80 dpi (PNG width
<= 1200 px), at most 400 KB of outputs; and at most 1.5 MB of outputs in all."""
import argparse, base64, json, re, shutil, struct, subprocess, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
MAX_NB, MAX_ALL, MAX_PNG_W = 400_000, 1_500_000, 1200
LOCAL = re.compile(r'(/(root|tmp|home|work|Users)/|site-packages)')     # a path that exists only on the machine that ran it

def png_width(b64:str) -> int:
    b = base64.b64decode(b64)
    return struct.unpack('>I', b[16:20])[0] if b[:8] == b'\x89PNG\r\n\x1a\n' else 0

def check_page(path:Path) -> tuple:
    "Problems of one processed notebook, and its output size in bytes."
    nb, bad, size = json.loads(path.read_text()), [], 0
    for i, c in enumerate(nb['cells']):
        for o in c.get('outputs', []):
            s = json.dumps(o); size += len(s)
            txt = ''.join(o.get('text', '')) if o.get('output_type') == 'stream' else ''
            if o.get('name') == 'stderr' and txt.strip(): bad.append(f"cell {i}: stderr output: {txt.strip()[:80]!r}")
            if txt.count('\r') > 20 or s.count('progress-bar') > 20: bad.append(f"cell {i}: a progress-bar frame wall")
            if LOCAL.search(s): bad.append(f"cell {i}: a machine-local path: {LOCAL.search(s).group(0)!r}")
            data = o.get('data', {})
            if 'image/gif' in data or 'data:image/gif;base64' in s: bad.append(f"cell {i}: a base64 animation (save it under nbs/images/ and link it)")
            if 'image/png' in data and png_width(data['image/png']) > MAX_PNG_W:
                bad.append(f"cell {i}: a {png_width(data['image/png'])} px wide figure (use ~80 dpi)")
    if size > MAX_NB: bad.append(f"{size // 1000} KB of outputs (at most {MAX_NB // 1000} KB)")
    return bad, size

CELL_KEYS = {'cell_type', 'id', 'metadata', 'source', 'outputs', 'execution_count', 'attachments'}

def render_html(pages, out:Path):
    "Render processed pages to HTML with nbconvert (no Quarto needed); returns the written files."
    import nbformat
    from nbconvert import HTMLExporter
    out.mkdir(exist_ok=True)
    for p in pages:
        nb = json.loads(p.read_text())
        nb['cells'] = [c for c in nb['cells'] if c['cell_type'] != 'raw']   # Quarto's front matter: Quarto reads it, a browser need not
        for c in nb['cells']:                       # nbdev's processing leaves its own keys (e.g. has_sd) that nbformat rejects
            for k in set(c) - CELL_KEYS: del c[k]
            c['metadata'] = {}; c.setdefault('source', '')
        html, _ = HTMLExporter().from_notebook_node(nbformat.reads(json.dumps(nb), as_version=4))
        (out / f'{p.stem}.html').write_text(html)
    img = root / 'nbs' / 'images'
    if img.is_dir(): shutil.copytree(img, out / 'images', dirs_exist_ok=True)
    return sorted(out.glob('*.html'))

def screenshot(html:Path, png:Path, width:int=1200, height:int=2400):
    "A headless-Chromium screenshot of `html` (Debian's `chromium`; flags keep it off the network)."
    exe = shutil.which('chromium') or shutil.which('chromium-browser')
    if exe is None: raise SystemExit("check_docs: error: no chromium on PATH (Debian: apt-get install -y chromium)")
    subprocess.run([exe, '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                    '--disable-sync', '--no-first-run', f'--window-size={width},{height}', f'--screenshot={Path(png).resolve()}', Path(html).resolve().as_uri()],
                   check=True, capture_output=True, timeout=120)
    return png

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--proc', default=str(root / '_proc'), help='folder nbdev-proc-nbs wrote')
    ap.add_argument('--html', default=str(root / '_docs_preview'), help='where to write the HTML preview')
    ap.add_argument('--screenshot', nargs='*', default=None, help='notebook names to screenshot (e.g. index 04_integration)')
    a = ap.parse_args()
    pages = sorted(p for p in Path(a.proc).glob('*.ipynb'))
    if not pages: raise SystemExit(f"check_docs: error: no processed notebooks in {a.proc}: run nbdev-proc-nbs first")
    total, problems = 0, []
    for p in pages:
        bad, size = check_page(p); total += size
        print(f"{p.name:<26} {size / 1000:7.1f} KB  {'ok' if not bad else str(len(bad)) + ' problem(s)'}")
        problems += [f"{p.name}: {b}" for b in bad]
    print(f"{'all pages':<26} {total / 1000:7.1f} KB (at most {MAX_ALL // 1000} KB)")
    if total > MAX_ALL: problems.append(f"{total // 1000} KB of outputs in all (at most {MAX_ALL // 1000} KB)")
    files = render_html(pages, Path(a.html))
    print(f"rendered {len(files)} pages to {Path(a.html).relative_to(root) if Path(a.html).is_relative_to(root) else a.html}/")
    for name in a.screenshot or []:
        png = screenshot(Path(a.html) / f'{name}.html', Path(a.html) / f'{name}.png')
        print(f"screenshot: {png.relative_to(root) if png.is_relative_to(root) else png}")
    if problems:
        print('\n'.join(['', 'problems:'] + problems)); sys.exit(1)
    print('processed pages clean')

if __name__ == '__main__': main()
