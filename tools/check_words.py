#!/usr/bin/env python3
"""Check the words users read: README.md at most 1,000 words outside code, and no changelog phrases (issue numbers,
"this version", "previous machine", sessions) in README.md, the lessons' markdown, or the library's docstrings,
comments and help texts (`dip_ddpm/*.py`). Exits 1 with what it found. `.ci/run` runs it."""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
MAX_WORDS = 1000
PHRASES = re.compile(r"\b(issues? #?\d+|#\d{1,3}\b|this version|the next version|previous (machine|version|stop|session)|"
                     r"sessions?|stop \d+|changelog)\b", re.I)

def prose_words(md:str) -> int:
    "Words outside fenced and indented code blocks, HTML comments and image links."
    md = re.sub(r'```.*?```', ' ', md, flags=re.S)
    md = re.sub(r'<!--.*?-->', ' ', md, flags=re.S)
    md = '\n'.join(l for l in md.splitlines() if not l.startswith('    '))
    md = re.sub(r'!\[[^\]]*\]\([^)]*\)', ' ', md)
    md = re.sub(r'\]\([^)]*\)', ']', md)                       # count a link's text, not its address
    return len(re.findall(r"[\w$\\{}.,'’×±≤≥-]*\w[\w$\\{}.,'’×±≤≥-]*", md))

def texts():
    "(where, text) for every place users read."
    yield 'README.md', (root / 'README.md').read_text()
    for f in sorted((root / 'nbs').glob('*.ipynb')):
        for i, c in enumerate(json.loads(f.read_text())['cells']):
            if c['cell_type'] == 'markdown': yield f"{f.name} cell {i}", ''.join(c['source'])
    for f in sorted((root / 'dip_ddpm').glob('*.py')):
        if f.name != '_modidx.py': yield f"dip_ddpm/{f.name}", f.read_text()

if __name__ == '__main__':
    bad = []
    n = prose_words((root / 'README.md').read_text())
    if n > MAX_WORDS: bad.append(f"README.md has {n} words outside code (at most {MAX_WORDS})")
    for where, t in texts():
        for m in PHRASES.finditer(t): bad.append(f"{where}: changelog phrase {m.group(0)!r}")
    if bad: sys.exit('words users read:\n  ' + '\n  '.join(bad))
    print(f"README.md: {n} words outside code; no changelog phrases")
