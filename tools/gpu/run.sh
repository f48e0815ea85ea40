# One prepared device run: continue training the shipped model (learning curve beside it), the notebooks' #| cuda
# cells, then GPU benchmarks. Everything it keeps goes to $OUT as soon as it exists. Times: seconds from the start.
T0=$(date +%s); el(){ echo $(( $(date +%s) - T0 )); }
REPO=$PWD; S=$(mktemp -d); : "${OUT:=$S/out}"; mkdir -p $OUT    # S: this run's scratch folder
: "${TRAIN_END:=330}" "${HARD_END:=490}" "${BS:=128}" "${NB_TIMEOUT:=280}" "${CURVE_ARGS:=}" "${SKIP_BENCH:=}" "${NB_RE:=^0[2-5]}" "${PROBE:=}"
if [ -d .whl ] && [ -z "${NO_WHL:-}" ]; then python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target $S/site .whl/*.whl || exit 1; export PYTHONPATH=$S/site:$REPO; else export PYTHONPATH=$REPO; fi
export PYTHONUNBUFFERED=1 DIP_DDPM_DATA=$S/data
if [ ! -d /usr/share/datasets/fashion-mnist ]; then mkdir -p /usr/share/datasets/fashion-mnist && cp .gpu/fmnist/*.gz /usr/share/datasets/fashion-mnist/; fi
mkdir -p $S/bin; for c in "nbdev-test nbdev.test nbdev_test" "dip_ddpm_train dip_ddpm.cli train_main"; do set -- $c; printf '#!/usr/bin/env python3\nimport sys\nfrom %s import %s\nsys.exit(%s())\n' $2 $3 $3 > $S/bin/$1; chmod +x $S/bin/$1; done; export PATH=$S/bin:$PATH
{ echo "== $(el) s: versions"; nvidia-smi -L; nproc; python3 -c "import torch, fastai, fastcore, nbdev; print('torch', torch.__version__, 'fastai', fastai.__version__, 'fastcore', fastcore.__version__, 'nbdev', nbdev.__version__, torch.cuda.is_available())"; } > $OUT/bench.txt 2>&1
mkdir -p $S/train && if [ -f .gpu/start.pth ]; then cp .gpu/start.pth $S/train/ddpm_fmnist_small.pth; else cp dip_ddpm/weights/ddpm_fmnist_small.pth $S/train/; fi && cd $S/train
BUDGET=$(( TRAIN_END - $(el) - 25 ))
( OMP_NUM_THREADS=4 python3 $REPO/tools/gpu/launch.py $BUDGET $BS 1.3 $PROBE > $OUT/train.log 2>&1 ) & TP=$!
( OMP_NUM_THREADS=2 python3 $REPO/tools/train_curve.py --ckpt ddpm_fmnist_small.pth --log $OUT/curve.jsonl --until-pid $TP --deadline $(( HARD_END - $(el) - 5 )) $CURVE_ARGS > $OUT/curve.log 2>&1 ) & CP=$!
cd $REPO
echo "== $(el) s: nbdev-test cuda" > $OUT/nbtest.log
[ -n "${SKIP_NB:-}" ] || OMP_NUM_THREADS=2 timeout $NB_TIMEOUT nbdev-test nbs --file-re "$NB_RE" --flags cuda --n-workers 4 --timing --verbose >> $OUT/nbtest.log 2>&1; echo "rc=$? at $(el) s" >> $OUT/nbtest.log
while kill -0 $TP 2>/dev/null && [ $(el) -lt $(( TRAIN_END + 40 )) ]; do sleep 2; done; pkill -f dip_ddpm_train; pkill -f launch.py; echo "train stopped at $(el) s" >> $OUT/train.log
cp $S/train/ddpm_fmnist_small.pth $OUT/ddpm_fmnist_small.pth.tmp && mv $OUT/ddpm_fmnist_small.pth.tmp $OUT/ddpm_fmnist_small.pth
if [ -z "$SKIP_BENCH" ]; then
  echo "== $(el) s: bench_ddpm bs 64" >> $OUT/bench.txt; timeout 60 python3 tools/bench_ddpm.py --bs 64 --steps 30 >> $OUT/bench.txt 2>&1
  [ $(el) -lt $(( HARD_END - 40 )) ] && { echo "== $(el) s: bench_dip" >> $OUT/bench.txt; timeout 35 python3 tools/bench_dip.py --n 64 --iters 50 --singles 4 >> $OUT/bench.txt 2>&1; }
  [ $(el) -lt $(( HARD_END - 40 )) ] && { echo "== $(el) s: bench_ddpm bs 128" >> $OUT/bench.txt; timeout 35 python3 tools/bench_ddpm.py --bs 128 --steps 30 >> $OUT/bench.txt 2>&1; }
fi
echo "== $(el) s: bench done" >> $OUT/bench.txt
while kill -0 $CP 2>/dev/null && [ $(el) -lt $HARD_END ]; do sleep 2; done; pkill -f train_curve; echo "curve stopped at $(el) s" >> $OUT/curve.log
ls -la $OUT; echo "done at $(el) s"
