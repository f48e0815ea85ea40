#!/usr/bin/env python3
"""Print the shipped presets' smoke tables (fp32, one thread, fixed seeds, seconds left out), or compare them with
the record `dip_ddpm/records/smoke_tables.json` (`--check`), or record them anew (`--save`) after a change that is
meant to move a result. The runs lesson's tests hold the library to the record."""
import argparse, datetime, json, sys, warnings
from pathlib import Path
from dip_ddpm.runs import smoke_tables

RECORD = Path(__file__).resolve().parent.parent / 'dip_ddpm' / 'records' / 'smoke_tables.json'

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--check', action='store_true', help='compare with the record; exit 1 where a table differs')
    ap.add_argument('--save', action='store_true', help='write the tables as the new record')
    args = ap.parse_args()
    rec = json.loads(RECORD.read_text())
    warnings.simplefilter('ignore')
    now = smoke_tables(tuple(rec['tables']), threads=rec['threads'])
    if args.save:
        rec.update(recorded=datetime.date.today().isoformat(), made_by='tools/smoke_tables.py --save', tables=now)
        RECORD.write_text(json.dumps(rec, indent=1, ensure_ascii=False))
    for name, tables in now.items():
        for title, table in tables.items():
            same = rec['tables'][name].get(title) == table
            print(f"## {name}: {title}{'' if same or args.save else '  (DIFFERS from the record)'}\n\n{table}\n")
    if args.check and any(rec['tables'][n].get(t) != v for n, ts in now.items() for t, v in ts.items()): sys.exit(1)
