#!/usr/bin/python3
"""Writes digits-shuffled-labels.csv.gz: the shipped digits data with its label column permuted.

The data-pipeline-error scenario: features and labels no longer belong together (as when a join or a sort
misaligns them), so no model and no fix can learn anything that holds on the validation split. The permutation
is seeded (random.Random(20261130)) and the gzip header carries no time stamp, so the file is the same on every
run of this script: `python3 make-shuffled-labels.py` from this folder.
"""
import gzip
import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "examples" / "data" / "digits.csv.gz"
TARGET = HERE / "digits-shuffled-labels.csv.gz"

rows = [line.rstrip("\n").split(",") for line in gzip.open(SOURCE, "rt") if line.strip()]
labels = [row[-1] for row in rows]
random.Random(20261130).shuffle(labels)
with open(TARGET, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
    for row, label in zip(rows, labels):
        out.write((",".join(row[:-1] + [label]) + "\n").encode("ascii"))
moved = sum(1 for row, label in zip(rows, labels) if row[-1] != label)
print(f"{TARGET.name}: {len(rows)} rows, {moved} labels moved to another row's")
