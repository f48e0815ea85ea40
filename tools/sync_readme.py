#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb without Quarto (nbdev-readme needs Quarto, which is not
installable everywhere). Markdown cells are copied, code cells become ```python blocks followed by
their saved text output. `--check` exits 1 if README.md is out of step with the notebook."""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render(nb_path=root/'nbs'/'index.ipynb'):
    nb, out = json.loads(Path(nb_path).read_text()), []
    for c in nb['cells']:
        src = ''.join(c['source']).rstrip()
        if c['cell_type'] == 'markdown': out.append(src)
        elif c['cell_type'] == 'code' and src and not src.lstrip().startswith('#| hide'):
            lines = [l for l in src.splitlines() if not l.startswith('#|')]
            out.append('```python\n' + '\n'.join(lines) + '\n```')
            txt = ''.join(''.join(o.get('text', '')) if o.get('output_type') == 'stream'
                          else ''.join(o.get('data', {}).get('text/plain', '')) for o in c.get('outputs', []))
            if txt.strip(): out.append('    ' + txt.rstrip().replace('\n', '\n    '))
    return '<!-- Generated from nbs/index.ipynb by tools/sync_readme.py: edit the notebook, not this file. -->\n\n' + '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    txt, readme = render(), root/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != txt: sys.exit('README.md is out of step with nbs/index.ipynb: run python tools/sync_readme.py')
        print('README.md in step with nbs/index.ipynb')
    else:
        tmp = readme.with_suffix('.md.tmp'); tmp.write_text(txt); tmp.replace(readme); print('wrote', readme.name)
