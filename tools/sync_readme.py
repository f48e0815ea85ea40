#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb without Quarto (nbdev-readme needs Quarto, which is not
installable everywhere). Markdown cells are copied, code cells become ```python blocks (none for `#| echo: false`)
followed by their saved text output (markdown output as it is), and saved figures are written to nbs/images/readme_<k>.png and linked.
Links to images/... in markdown become nbs/images/.... `--check` exits 1 if README.md or one of
those figures is out of step with the notebook."""
import base64, json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render(nb_path=root/'nbs'/'index.ipynb'):
    "README's text and the figures it links: (markdown, {relative path: PNG bytes})."
    nb, out, figs = json.loads(Path(nb_path).read_text()), [], {}
    for c in nb['cells']:
        src = ''.join(c['source']).rstrip()
        if c['cell_type'] == 'markdown': out.append(src.replace('](images/', '](nbs/images/'))
        elif c['cell_type'] == 'code' and src and not src.lstrip().startswith('#| hide'):
            lines = [l for l in src.splitlines() if not l.startswith('#|')]
            if '#| echo: false' not in src: out.append('```python\n' + '\n'.join(lines) + '\n```')
            txt, imgs = '', []
            for o in c.get('outputs', []):
                d = o.get('data', {})
                if o.get('output_type') == 'stream': txt += ''.join(o.get('text', ''))
                elif 'text/markdown' in d: out.append(''.join(d['text/markdown']).rstrip())   # shown as markdown
                elif 'image/png' in d: imgs.append(base64.b64decode(d['image/png']))      # the figure, not its '<Figure ...>' text
                else: txt += ''.join(d.get('text/plain', ''))
            if txt.strip(): out.append('    ' + txt.rstrip().replace('\n', '\n    '))
            for b in imgs:
                rel = f'nbs/images/readme_{len(figs)}.png'; figs[rel] = b; out.append(f'![]({rel})')
    return '<!-- Generated from nbs/index.ipynb by tools/sync_readme.py: edit the notebook, not this file. -->\n\n' + '\n\n'.join(out) + '\n', figs

def _write(path:Path, data:bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + '.tmp'); tmp.write_bytes(data); tmp.replace(path)

if __name__ == '__main__':
    (txt, figs), readme = render(), root/'README.md'
    if '--check' in sys.argv:
        stale = [k for k, b in figs.items() if not (root/k).exists() or (root/k).read_bytes() != b]
        if not readme.exists() or readme.read_text() != txt or stale:
            sys.exit('README.md or its figures are out of step with nbs/index.ipynb: run python tools/sync_readme.py')
        print('README.md in step with nbs/index.ipynb')
    else:
        for k, b in figs.items(): _write(root/k, b)
        _write(readme, txt.encode()); print('wrote', readme.name, *figs)
