"""Converts an R data set from an unpacked Debian r-cran-* package into a taskgroup CSV.

Usage: /usr/bin/python3 to_csv.py yeast|nmes1988|movielens PACKAGE_ROOT OUT_CSV

PACKAGE_ROOT is the folder `dpkg-deb -x` unpacked the .deb into. Reads R's files with Debian's
python3-rdata; writes the CSV with the csv module and explicit number formats, so the same
package gives the same bytes on every run and machine. Checks what it read against the shape
the package's own documentation gives, and stops (exit 2) when it differs.
"""
import csv
import gzip
import math
import re
import sys
import warnings
import zlib

import numpy
import rdata

R_LIBRARY = 'usr/lib/R/site-library'


def fail(message):
    print(f'to_csv.py: {message}', file=sys.stderr)
    sys.exit(2)


def parse_serialized(raw):
    # The bytes R's serialize() writes start with b'X\n'; python3-rdata reads them as the body
    # of an .rda file.
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # "Unknown encoding. Assumed ASCII": the data is ASCII
        return rdata.conversion.convert(rdata.parser.parse_data(b'RDX3\n' + raw))


def lazy_load_record(base, key):
    """One record of an R lazy-load database (BASE.rdx index, BASE.rdb records) as bytes.

    The index is a gzip-compressed serialization of list(variables, references, compressed);
    each entry is (offset, length) into the .rdb file, whose records are a 4-byte length and a
    zlib stream when `compressed` is TRUE (R's default, and what Debian's build used).
    """
    index = parse_serialized(gzip.decompress(open(base + '.rdx', 'rb').read()))
    if not bool(index['compressed'][0]):
        fail(f'{base}.rdx: expected zlib-compressed records')
    table = index['variables'] if key in index['variables'] else index['references']
    if key not in table:
        fail(f'{base}.rdx: no record named {key}')
    offset, length = (int(v) for v in table[key])
    with open(base + '.rdb', 'rb') as f:
        f.seek(offset)
        record = f.read(length)
    return zlib.decompress(record[4:])


def yeast_frame(root):
    """mlr's yeast.task: its data frame lives in the task's environment.

    In a lazy-load database an environment is a record of its own ('env::N'), and the task
    record points at it with a persistent reference, which python3-rdata (0.5) cannot parse.
    So the task record is searched for the reference's name (PERSISTSXP 0xF7, a string vector
    of length 1 holding 'env::N') and that record, list(bindings, enclos, ...), is read instead.
    """
    base = f'{root}/{R_LIBRARY}/mlr/data/Rdata'
    task = lazy_load_record(base, 'yeast.task')
    refs = [task[m.end():m.end() + int.from_bytes(m.group(1), 'big')]
            for m in re.finditer(rb'\x00\x00\x00\xf7\x00{7}\x01.{4}(.{4})', task, re.S)]
    if len(refs) != 1 or not re.fullmatch(rb'env::\d+', refs[0]):
        fail(f'{base}.rdb: yeast.task should hold one environment reference, found {refs}')
    env = parse_serialized(lazy_load_record(base, refs[0].decode()))
    return env['bindings']['data']


def nmes_frame(root):
    path = f'{root}/{R_LIBRARY}/AER/data/NMES1988.rda'
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return rdata.conversion.convert(rdata.parser.parse_file(path))['NMES1988']


def expect_shape(name, frame, rows, columns):
    if frame.shape != (rows, len(columns)) or list(frame.columns) != columns:
        fail(f'{name}: expected {rows} rows and columns {columns}, got {frame.shape} {list(frame.columns)}')
    if frame.isna().to_numpy().any():
        fail(f'{name}: the documented data set has no missing values, this one has')


def exact(x):
    # Shortest text that reads back as the same double, without exponent: the packages store
    # values of 1-6 decimals (yeast: 6, age: 1, income: 4), so this prints them as published.
    return numpy.format_float_positional(float(x), trim='-')


def log1p6(count):
    # log(1 + count) to 6 significant digits: round(expm1(value)) gives the count back.
    return f'{math.log1p(int(count)):.6g}'


YEAST_LABELS = [f'label{i}' for i in range(1, 15)]
YEAST_FEATURES = [f'x{i}' for i in range(1, 104)]


def yeast_rows(root):
    frame = yeast_frame(root)
    expect_shape('yeast', frame, 2417, YEAST_LABELS + YEAST_FEATURES)
    header = YEAST_FEATURES + YEAST_LABELS
    rows = ([exact(r[c]) for c in YEAST_FEATURES] + [str(int(bool(r[c]))) for c in YEAST_LABELS]
            for _, r in frame.iterrows())
    return header, rows


NMES_COUNTS = ['visits', 'nvisits', 'ovisits', 'novisits']
NMES_EVENTS = ['emergency', 'hospital']
NMES_FEATURES = ['health', 'chronic', 'adl', 'region', 'age', 'afam', 'gender', 'married',
                 'school', 'income', 'employed', 'insurance', 'medicaid']
# chronic and school are counts, age (in decades) and income (in USD 10,000) are decimals.
NMES_NUMERIC = {'chronic': lambda v: str(int(v)), 'age': exact, 'school': lambda v: str(int(v)),
                'income': exact}


def nmes_rows(root):
    frame = nmes_frame(root)
    expect_shape('NMES1988', frame, 4406, NMES_COUNTS + NMES_EVENTS + NMES_FEATURES)
    header = (NMES_FEATURES + [f'{c}_log1p' for c in NMES_COUNTS]
              + [f'{c}_any' for c in NMES_EVENTS])

    def row(r):
        features = [NMES_NUMERIC[c](r[c]) if c in NMES_NUMERIC else str(r[c]) for c in NMES_FEATURES]
        return (features + [log1p6(r[c]) for c in NMES_COUNTS]
                + [str(int(r[c] > 0)) for c in NMES_EVENTS])

    return header, (row(r) for _, r in frame.iterrows())


# MovieLens latest-small as dslabs ships it: 100,004 ratings of 9,066 movies by 671 users.
MOVIELENS_COLUMNS = ['movieId', 'title', 'year', 'genres', 'userId', 'rating', 'timestamp']
# The eight genres with the most ratings: one task each.
MOVIELENS_TASKS = ['Drama', 'Comedy', 'Action', 'Thriller', 'Adventure', 'Romance', 'Crime',
                   'Sci-Fi']
MOVIELENS_GENRES = MOVIELENS_TASKS + ['Fantasy', 'Children', 'Mystery', 'Horror', 'Animation',
                                      'War', 'Musical', 'IMAX', 'Western', 'Documentary',
                                      'Film-Noir']
R_NA_INTEGER = -2147483648


def movielens_rows(root):
    """One row per rating: the ids, the year and time, one 0/1 column per genre, and a task per
    main genre: like_GENRE = 1 when the rating is 4 or more, 0 below, empty when the movie is
    not of that genre (so each task learns from its genre's ratings only). The title is left
    out: it names the movie as movieId does."""
    base = f'{root}/{R_LIBRARY}/dslabs/data/Rdata'
    frame = parse_serialized(lazy_load_record(base, 'movielens'))
    if frame.shape != (100004, 7) or list(frame.columns) != MOVIELENS_COLUMNS:
        fail(f'movielens: expected 100004 rows and columns {MOVIELENS_COLUMNS}, got {frame.shape} {list(frame.columns)}')
    header = (['userId', 'movieId', 'year', 'timestamp'] + [f'g_{g}' for g in MOVIELENS_GENRES]
              + [f'like_{g}' for g in MOVIELENS_TASKS])

    def row(r):
        genres = set(str(r['genres']).split('|'))
        like = str(int(float(r['rating']) >= 4))
        year = '' if int(r['year']) == R_NA_INTEGER else str(int(r['year']))
        return ([str(int(r['userId'])), str(int(r['movieId'])), year, str(int(r['timestamp']))]
                + [str(int(g in genres)) for g in MOVIELENS_GENRES]
                + [like if g in genres else '' for g in MOVIELENS_TASKS])

    return header, (row(r) for _, r in frame.iterrows())


DATASETS = {'yeast': yeast_rows, 'nmes1988': nmes_rows, 'movielens': movielens_rows}


def main(argv):
    if len(argv) != 4 or argv[1] not in DATASETS:
        fail(f'usage: to_csv.py {"|".join(DATASETS)} PACKAGE_ROOT OUT_CSV')
    header, rows = DATASETS[argv[1]](argv[2])
    with open(argv[3], 'w', newline='') as f:
        out = csv.writer(f, lineterminator='\n')
        out.writerow(header)
        out.writerows(rows)


if __name__ == '__main__':
    main(sys.argv)
