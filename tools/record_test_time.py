#!/usr/bin/env python3
"""Record how long the test command takes on a fresh clone: read the log of `bash .ci/run` (its stage lines
'== <stage> (<seconds>s)' and nbdev-test's '--timing' lines '<notebook>.ipynb: <n> secs') and write
`dip_ddpm/records/test_time.json`, which the records page prints. Not a test.

usage: bash .ci/run 2>&1 | tee ci.log; python tools/record_test_time.py ci.log [--label after]
"""
import argparse, datetime, json, re
from pathlib import Path

RECORD = Path(__file__).resolve().parents[1] / 'dip_ddpm' / 'records' / 'test_time.json'

def parse(log:str) -> dict:
    "Seconds of each .ci/run stage, of nbdev-test, and of each notebook under nbdev-test."
    marks = [(m.group(1), int(m.group(2))) for m in re.finditer(r'^== (.+) \((\d+)s\)$', log, re.M)]
    stages = {a: b2 - b for (a, b), (_, b2) in zip(marks, marks[1:])}
    notebooks = {m.group(1): int(m.group(2)) for m in re.finditer(r'^(\S+)\.ipynb: (\d+) secs$', log, re.M)}
    test = next(v for k, v in stages.items() if k.startswith("README's test command"))
    return dict(ci_run_s=marks[-1][1], nbdev_test_s=test, stages=stages, notebooks=notebooks)

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('log')
    ap.add_argument('--label', default='main', help='which tree the log is for')
    a = ap.parse_args()
    from dip_ddpm.hardware import hardware
    rec = json.loads(RECORD.read_text()) if RECORD.exists() else dict(command='bash .ci/run on a fresh clone', runs={})
    rec['runs'][a.label] = dict(parse(Path(a.log).read_text()), date=datetime.date.today().isoformat(), machine=hardware())
    RECORD.write_text(json.dumps(rec, indent=1))
    print(json.dumps(rec['runs'][a.label], indent=1))
