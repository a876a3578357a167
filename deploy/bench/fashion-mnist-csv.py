#!/usr/bin/python3
"""Fashion-MNIST training set as a gzip CSV for the data-parallel benchmark.

Reads Debian's dataset-fashion-mnist idx files (apt-get install -y dataset-fashion-mnist puts them in
/usr/share/datasets/fashion-mnist/) and writes one line per image, no header: the 784 pixels (integers 0..255,
row-major 28 x 28) then the label 0..9, in the idx files' order.

Usage: nice -n 10 /usr/bin/python3 deploy/bench/fashion-mnist-csv.py [OUT] [--rows N] [--level 6]
  OUT defaults to /tmp/fashion-mnist-train.csv.gz; --rows N writes only the first N rows.
Needs only the standard library and numpy (python3-numpy).
"""
import argparse
import gzip
import os
import struct
import sys
import time

import numpy as np

DIR = "/usr/share/datasets/fashion-mnist"


def read_idx(path, magic, dims):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    found, *shape = struct.unpack(">" + "I" * (1 + dims), raw[:4 * (1 + dims)])
    if found != magic:
        sys.exit(f"{path}: magic {found}, expected {magic}: not an idx file of that kind")
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 * (1 + dims))
    if data.size != int(np.prod(shape)):
        sys.exit(f"{path}: {data.size} bytes of data for shape {shape}")
    return data.reshape(shape)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="/tmp/fashion-mnist-train.csv.gz")
    parser.add_argument("--rows", type=int, default=None, help="write only the first N rows")
    parser.add_argument("--dir", default=DIR, help="folder of the idx files")
    parser.add_argument("--level", type=int, default=6, help="gzip compression level (default 6, as gzip's)")
    args = parser.parse_args()

    start = time.perf_counter()
    images = read_idx(os.path.join(args.dir, "train-images-idx3-ubyte.gz"), 2051, 3)
    labels = read_idx(os.path.join(args.dir, "train-labels-idx1-ubyte.gz"), 2049, 1)
    if len(images) != len(labels):
        sys.exit(f"{len(images)} images but {len(labels)} labels")
    rows = len(images) if args.rows is None else args.rows
    if not 0 < rows <= len(images):
        sys.exit(f"--rows {args.rows}: must be in 1..{len(images)}")
    table = np.concatenate([images[:rows].reshape(rows, -1), labels[:rows, None]], axis=1)
    if table[:, -1].max() > 9:
        sys.exit("labels outside 0..9")

    text = [str(i).encode() for i in range(256)]  # a uint8's decimal text, looked up rather than formatted
    tmp = args.out + ".tmp"
    with gzip.open(tmp, "wb", compresslevel=args.level) as out:
        chunk = 1000
        for i in range(0, rows, chunk):
            out.write(b"".join(b",".join([text[v] for v in row]) + b"\n" for row in table[i:i + chunk].tolist()))
    os.replace(tmp, args.out)
    seconds = time.perf_counter() - start
    print(f"{args.out}: {rows} rows x {table.shape[1]} columns (784 pixels + label), "
          f"{os.path.getsize(args.out)} bytes, {seconds:.1f} s")


if __name__ == "__main__":
    main()
