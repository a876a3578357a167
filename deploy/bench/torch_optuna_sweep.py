#!/usr/bin/python3
"""PyTorch + Optuna side by side with the sweep benchmark (deploy/bench/sweep-bench.sh, SweepBenchmark.java).

Trains the same 8 trials the Java benchmark's 8-variant sweep trains, on the same data, with the same model and
settings, as an Optuna study whose 8 configurations are enqueued with study.enqueue_trial:

  data     digits.csv.gz: no header, 64 numeric features then the label 0..9 (1,797 rows); stratified, seeded 80/20
           train/validation split (per class, the first floor(n * 0.2) rows of a seeded permutation are held out);
           inputs standardised with the training split's mean and (sample) standard deviation, as Spark's
           StandardScaler does (a constant column becomes 0)
  model    MLP 64 -> 64 ReLU -> 10 softmax, cross-entropy, plain SGD lr 0.1, batch 32, EPOCHS epochs (default 10),
           minibatches reshuffled every epoch (seeded), Xavier/Glorot uniform init by default, biases 0
  trials   baseline; learning rate x2, x0.5, x0.25; L2 1e-4, 1e-3 (weight-decay-style, l2 * w added to the
           gradient of the weights only, not the biases); dropout 0.2 on the hidden layer's output; init He
           (kaiming normal, fan-in, ReLU gain)
  metric   final validation balanced accuracy (mean per-class recall); train and validation are also scored
           after every epoch, as the sweep job's per-epoch probe does

Every trial draws its initial weights, dropout masks and minibatch order from its own torch.Generator, so its
result does not depend on which other trial runs beside it. Timings, in one process, one after the other:
a short warm-up, one trial alone (the baseline), the 8 trials with n_jobs=1, the 8 trials with n_jobs=2 (Optuna
runs trials in threads; torch.set_num_threads(1) in every trial). The last two lines are machine-readable:

  torch-optuna-8-trials-seconds: <8 trials, n_jobs=JOBS (default 2)>
  torch-one-trial-seconds: <one trial alone>

Needs Debian's python3-torch and python3-optuna, so run it with Debian's interpreter:
  nice -n 10 /usr/bin/python3 deploy/bench/torch_optuna_sweep.py [--epochs 10] [--jobs 2] [--no-serial]
"""
import argparse
import gzip
import logging
import os
import sys
import time

import numpy as np
import optuna
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "digits.csv.gz"))
if not os.path.exists(DEFAULT_DATA):
    DEFAULT_DATA = "/work/shared/data/digits.csv.gz"

BASE = {"learning_rate": 0.1, "l2": 0.0, "dropout": 0.0, "init": "xavier"}
# The Java benchmark's fixes: learningRate [x2, x0.5, x0.25], l2 [1e-4, 1e-3], dropout [0.2], init [he].
TRIALS = [
    ("baseline", {}),
    ("learningRate=x2", {"learning_rate": 0.2}),
    ("learningRate=x0.5", {"learning_rate": 0.05}),
    ("learningRate=x0.25", {"learning_rate": 0.025}),
    ("l2=1e-4", {"l2": 1e-4}),
    ("l2=1e-3", {"l2": 1e-3}),
    ("dropout=0.2", {"dropout": 0.2}),
    ("init=he", {"init": "he"}),
]


def load(path):
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float64)
    return table[:, :-1], table[:, -1].astype(np.int64)


def stratified_split(y, fraction, seed):
    rng = np.random.default_rng(seed)
    validation = np.zeros(len(y), dtype=bool)
    for c in np.unique(y):
        rows = np.flatnonzero(y == c)
        rows = rows[rng.permutation(len(rows))]
        validation[rows[: int(len(rows) * fraction)]] = True
    return np.flatnonzero(~validation), np.flatnonzero(validation)


def standardise(train, validation):
    mean = train.mean(axis=0)
    std = train.std(axis=0, ddof=1)
    std[std == 0] = 1.0  # a constant column: centred it is 0 everywhere
    return (train - mean) / std, (validation - mean) / std


class Data:
    def __init__(self, path, fraction, split_seed):
        x, y = load(path)
        self.classes = int(y.max()) + 1
        train, validation = stratified_split(y, fraction, split_seed)
        x_train, x_val = standardise(x[train], x[validation])
        self.x_train = torch.tensor(x_train, dtype=torch.float32)
        self.y_train = torch.tensor(y[train])
        self.x_val = torch.tensor(x_val, dtype=torch.float32)
        self.y_val = torch.tensor(y[validation])
        self.rows = len(y)


def init_weight(shape, scheme, generator):
    fan_out, fan_in = shape
    w = torch.empty(shape)
    if scheme == "xavier":  # Glorot uniform: U(-a, a), a = sqrt(6 / (fan_in + fan_out))
        a = (6.0 / (fan_in + fan_out)) ** 0.5
        return w.uniform_(-a, a, generator=generator)
    if scheme == "he":  # kaiming normal, fan-in, ReLU: N(0, 2 / fan_in)
        return w.normal_(0.0, (2.0 / fan_in) ** 0.5, generator=generator)
    raise ValueError(scheme)


def balanced_accuracy(logits, y, classes):
    predicted = logits.argmax(dim=1)
    recalls = []
    for c in range(classes):
        actual = y == c
        n = int(actual.sum())
        recalls.append(0.0 if n == 0 else float((predicted[actual] == c).sum()) / n)
    return sum(recalls) / classes


def train(data, config, epochs, batch_size, seed):
    """Trains one configuration; returns (final validation balanced accuracy, final validation loss, seconds)."""
    torch.set_num_threads(1)
    start = time.perf_counter()
    g = torch.Generator().manual_seed(seed)
    hidden = 64
    w1 = init_weight((hidden, data.x_train.shape[1]), config["init"], g).requires_grad_()
    b1 = torch.zeros(hidden, requires_grad=True)
    w2 = init_weight((data.classes, hidden), config["init"], g).requires_grad_()
    b2 = torch.zeros(data.classes, requires_grad=True)
    optimiser = torch.optim.SGD([
        {"params": [w1, w2], "weight_decay": config["l2"]},
        {"params": [b1, b2], "weight_decay": 0.0},
    ], lr=config["learning_rate"])
    p = config["dropout"]

    def forward(x, training):
        h = F.relu(F.linear(x, w1, b1))
        if training and p > 0:  # inverted dropout on the hidden layer's output, mask from this trial's generator
            h = h * (torch.rand(h.shape, generator=g) >= p) / (1.0 - p)
        return F.linear(h, w2, b2)

    n = data.x_train.shape[0]
    for _ in range(epochs):
        order = torch.randperm(n, generator=g)
        for i in range(0, n, batch_size):
            batch = order[i:i + batch_size]
            loss = F.cross_entropy(forward(data.x_train[batch], True), data.y_train[batch])
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
        with torch.no_grad():  # per-epoch probe, as the sweep job scores every epoch
            train_logits = forward(data.x_train, False)
            val_logits = forward(data.x_val, False)
            val_loss = float(F.cross_entropy(val_logits, data.y_val))
            val_bal = balanced_accuracy(val_logits, data.y_val, data.classes)
            balanced_accuracy(train_logits, data.y_train, data.classes)
    return val_bal, val_loss, time.perf_counter() - start


def objective_for(data, args):
    def objective(trial):
        config = {
            "learning_rate": trial.suggest_float("learning_rate", 1e-3, 1.0, log=True),
            "l2": trial.suggest_float("l2", 0.0, 1e-2),
            "dropout": trial.suggest_float("dropout", 0.0, 0.5),
            "init": trial.suggest_categorical("init", ["xavier", "he"]),
        }
        bal, loss, seconds = train(data, config, args.epochs, args.batch_size, args.seed)
        trial.set_user_attr("seconds", seconds)
        trial.set_user_attr("val_loss", loss)
        return bal
    return objective


def study_of(trials):
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=0))
    for name, change in trials:
        study.enqueue_trial({**BASE, **change}, user_attrs={"variant": name})
    return study


def run_study(data, args, trials, jobs):
    study = study_of(trials)
    start = time.perf_counter()
    study.optimize(objective_for(data, args), n_trials=len(trials), n_jobs=jobs)
    return study, time.perf_counter() - start


def report(title, study, seconds):
    print(f"\n{title}: {seconds:.2f} s wall")
    print(f"  {'#':>2}  {'variant':<20} {'val bal. acc.':>13} {'val loss':>9} {'seconds':>8}")
    for t in sorted(study.trials, key=lambda t: t.number):
        print(f"  {t.number:>2}  {t.user_attrs['variant']:<20} {t.value:>13.4f} {t.user_attrs['val_loss']:>9.4f} "
              f"{t.user_attrs['seconds']:>8.2f}")
    busy = sum(t.user_attrs["seconds"] for t in study.trials)
    print(f"  sum of trial times {busy:.2f} s, {busy / seconds:.2f} trials busy on average")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--validation", type=float, default=0.2)
    parser.add_argument("--split-seed", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1, help="seed of every trial's init, dropout and shuffling")
    parser.add_argument("--jobs", type=int, default=2, help="Optuna n_jobs of the measured 8-trial study")
    parser.add_argument("--no-serial", action="store_true", help="skip the n_jobs=1 comparison")
    args = parser.parse_args()

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("optuna").setLevel(logging.WARNING)
    torch.set_num_threads(1)
    data = Data(args.data, args.validation, args.split_seed)
    print(f"torch {torch.__version__}, optuna {optuna.__version__}, python {sys.version.split()[0]}; "
          f"{args.data}: {data.rows} rows, train {len(data.y_train)}, validation {len(data.y_val)}, "
          f"{args.epochs} epochs, batch {args.batch_size}")

    train(data, BASE, 1, args.batch_size, args.seed)  # warm-up: allocator, first-call dispatch
    one_study, one = run_study(data, args, TRIALS[:1], 1)
    print(f"\none trial alone (baseline): {one:.2f} s wall, validation balanced accuracy "
          f"{one_study.trials[0].value:.4f}")
    if not args.no_serial and args.jobs != 1:
        serial_study, serial = run_study(data, args, TRIALS, 1)
        report("8 trials, Optuna n_jobs=1", serial_study, serial)
    study, eight = run_study(data, args, TRIALS, args.jobs)
    report(f"8 trials, Optuna n_jobs={args.jobs}", study, eight)
    best = study.best_trial
    print(f"\nbest: {best.user_attrs['variant']} {best.value:.4f}")
    if not args.no_serial and args.jobs != 1:
        print(f"torch-optuna-8-trials-n_jobs-1-seconds: {serial:.2f}")
    print(f"torch-optuna-8-trials-seconds: {eight:.2f}")
    print(f"torch-one-trial-seconds: {one:.2f}")


if __name__ == "__main__":
    main()
