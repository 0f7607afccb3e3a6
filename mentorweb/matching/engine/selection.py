"""Each mentee's best K mentors, found block by block without ever holding all pairs.

At 100,000 mentees and 33,000 mentors there are over three billion pairs, so scores exist only
for one block of BLOCK_ROWS mentees at a time: a float32 matrix product gives the dense part (see
candidates.design_matrices), sparse patches add rankings and same-board equality and blank out
the pairs the hard rules forbid (-inf), and best_k keeps K entries per row.

Two things keep this within the time budget on two cores:
- the next block's matrix product runs in a worker thread while this block is patched and
  selected (BLAS releases the GIL; selection is single-threaded numpy), so both cores work;
- best_k does not sort or partition whole rows (see its docstring).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .model import IntArray
from .profiles import Encoded, Program

Float32Array = npt.NDArray[np.float32]
BLOCK_ROWS = 256
# best_k estimates a row's K-th best score from the first 1/SAMPLE_SHARE of its columns.
SAMPLE_SHARE = 4
# Columns are shuffled once per pool (seeded, so runs repeat) so that those first columns are a
# fair sample whatever order the mentors came in.
SHUFFLE_SEED = 314159


@dataclass(frozen=True, slots=True, eq=False)
class _Pool:
    """Mentees who share a set of languages, and the mentors who serve in one of them."""

    cols: IntArray  # mentor indices, shuffled
    y: Float32Array  # the design matrix restricted to those mentors
    board_order: IntArray  # positions in cols, grouped by the mentor's board
    board_sorted: IntArray  # the boards in that order


@dataclass(frozen=True, slots=True, eq=False)
class _Block:
    first: int  # place of the block's first mentee in the scoring order
    rows: IntArray  # mentee indices
    pool: _Pool


def _sorted_sparse(
    order_pos: IntArray, a: IntArray, *columns: npt.NDArray[np.generic]
) -> list[npt.NDArray[np.generic]]:
    """Sparse (mentee, ...) entries keyed by the mentee's place in the scoring order, sorted by it."""
    pos = order_pos[a]
    keep = pos >= 0
    sort = np.argsort(pos[keep], kind="stable")
    return [pos[keep][sort], *(c[keep][sort] for c in columns)]


def _blocks(enc: Encoded, y: Float32Array, order: IntArray, pool_keys: IntArray) -> Iterator[_Block]:
    rng = np.random.default_rng(SHUFFLE_SEED)
    bounds = np.flatnonzero(np.diff(pool_keys, prepend=-1, append=-1))
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        cols = rng.permutation(np.flatnonzero(enc.mentor_ok & enc.language_mask(enc.mentee_languages[order[start]])))
        if cols.size == 0:
            continue
        board_order = np.argsort(enc.mentor_board[cols], kind="stable")
        pool = _Pool(cols, np.ascontiguousarray(y[:, cols]), board_order, enc.mentor_board[cols][board_order])
        for first in range(start, stop, BLOCK_ROWS):
            yield _Block(first, order[first : min(first + BLOCK_ROWS, stop)], pool)


def _product(x: Float32Array, block: _Block) -> Float32Array:
    scores: Float32Array = x[block.rows] @ block.pool.y
    return scores


def select_top_k(
    enc: Encoded, x: Float32Array, y: Float32Array, program: Program, excluded: list[tuple[int, int]]
) -> tuple[IntArray, IntArray]:
    """(mentee, mentor) index arrays of each mentee's best K pairs that pass the hard rules."""
    n, m, k = len(enc.mentee_ids), len(enc.mentor_ids), program.top_k
    eligible = np.flatnonzero(enc.mentee_ok)
    pool_of: dict[frozenset[int], int] = {}
    pool = np.array([pool_of.setdefault(enc.mentee_languages[i], len(pool_of)) for i in eligible], dtype=np.int64)
    # Scoring order: by language pool, then by board, so that a block meets few boards.
    by = np.lexsort((enc.mentee_board[eligible], pool))
    order, pool_keys = eligible[by], pool[by]
    order_pos = np.full(n, -1, dtype=np.int64)
    order_pos[order] = np.arange(order.size)

    ra, rb, rv = enc.rank_pairs
    rank_pos, rank_b, rank_v = _sorted_sparse(order_pos, ra, rb, (rv * program.weights.ranking).astype(np.float32))
    ex = np.array(excluded, dtype=np.int64).reshape(-1, 2)
    ban_pos, ban_b = _sorted_sparse(
        order_pos, np.concatenate([enc.conflict_pairs[0], ex[:, 0]]), np.concatenate([enc.conflict_pairs[1], ex[:, 1]])
    )
    board_weight = np.float32(program.weights.board)
    col_pos = np.full(m, -1, dtype=np.int64)
    current_pool: _Pool | None = None
    out_a: list[IntArray] = []
    out_b: list[IntArray] = []

    blocks = _blocks(enc, y, order, pool_keys)
    with ThreadPoolExecutor(max_workers=1) as worker:
        ahead = next(blocks, None)
        pending: Future[Float32Array] | None = worker.submit(_product, x, ahead) if ahead else None
        while ahead is not None and pending is not None:
            block, scores = ahead, pending.result()
            ahead = next(blocks, None)
            pending = worker.submit(_product, x, ahead) if ahead else None
            if block.pool is not current_pool:
                if current_pool is not None:
                    col_pos[current_pool.cols] = -1
                current_pool = block.pool
                col_pos[current_pool.cols] = np.arange(current_pool.cols.size)
            first, last, rows = block.first, block.first + block.rows.size, block.rows
            lo, hi = np.searchsorted(rank_pos, [first, last])
            r, c = rank_pos[lo:hi] - first, col_pos[rank_b[lo:hi]]
            scores[r[c >= 0], c[c >= 0]] += rank_v[lo:hi][c >= 0]
            boards, prefs = enc.mentee_board[rows], enc.board_pref[rows]
            for board in np.unique(boards[boards >= 0]).tolist():
                here = boards == board
                lo, hi = np.searchsorted(block.pool.board_sorted, [board, board + 1])
                own = block.pool.board_order[lo:hi]
                scores[np.ix_(np.flatnonzero(here & (prefs == 1)), own)] += board_weight
                scores[np.ix_(np.flatnonzero(here & (prefs == 2)), own)] -= board_weight
                if board in enc.vetoed:
                    c = col_pos[enc.vetoed[board]]
                    scores[np.ix_(np.flatnonzero(here), c[c >= 0])] = -np.inf
            lo, hi = np.searchsorted(ban_pos, [first, last])
            r, c = ban_pos[lo:hi] - first, col_pos[ban_b[lo:hi]]
            scores[r[c >= 0], c[c >= 0]] = -np.inf
            picked_r, picked_c = best_k(scores, k)
            out_a.append(rows[picked_r])
            out_b.append(block.pool.cols[picked_c])
    if not out_a:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(out_a), np.concatenate(out_b)


def best_k(scores: Float32Array, k: int) -> tuple[IntArray, IntArray]:
    """Row and column of the k largest finite entries of each row (fewer if the row has fewer).

    Partitioning whole rows is the costliest step of candidate building, so: the k-th largest
    entry of a sample of a row's columns is never above the k-th largest of the whole row, hence
    every one of the row's best k is at least that threshold. Only the entries that reach it
    (about SAMPLE_SHARE * k per row) are gathered, through a bit-packed mask, and partitioned.
    Ties at the k-th value are kept in no particular order, as a full partition would.
    """
    height, width = scores.shape
    sample = width // SAMPLE_SHARE
    if width <= k or sample < 2 * k:
        return _partition_rows(scores, k)
    threshold = np.partition(scores[:, :sample], sample - k, axis=1)[:, sample - k]
    # A row with fewer than k finite entries in its sample gets the lowest finite threshold.
    np.maximum(threshold, np.finfo(np.float32).min, out=threshold)
    packed = np.packbits(scores >= threshold[:, None], axis=1)
    flat = np.flatnonzero(packed)
    bit_rows, bits = np.nonzero(np.unpackbits(packed.ravel()[flat][:, None], axis=1))
    r = flat[bit_rows] // packed.shape[1]
    c = (flat[bit_rows] % packed.shape[1]) * 8 + bits
    counts = np.bincount(r, minlength=height)
    # Rows whose threshold let through a large share (many forbidden pairs or ties) are cheaper
    # to partition whole than to pad.
    heavy = counts > width // SAMPLE_SHARE
    light = ~heavy[r]
    r, c = r[light], c[light]
    counts[heavy] = 0
    if r.size == 0:
        rows_out, cols_out = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    else:
        span = int(counts.max())
        place = np.arange(r.size) - (np.cumsum(counts) - counts)[r]
        values = np.full((height, span), -np.inf, dtype=np.float32)
        values[r, place] = scores[r, c]
        columns = np.zeros((height, span), dtype=np.int64)
        columns[r, place] = c
        pr, pc = _partition_rows(values, k)
        rows_out, cols_out = pr, columns[pr, pc]
    heavy_rows = np.flatnonzero(heavy)
    if heavy_rows.size:
        hr, hc = _partition_rows(scores[heavy_rows], k)
        rows_out = np.concatenate([rows_out, heavy_rows[hr]])
        cols_out = np.concatenate([cols_out, hc])
    return rows_out.astype(np.int64), cols_out.astype(np.int64)


def _partition_rows(scores: Float32Array, k: int) -> tuple[IntArray, IntArray]:
    width = scores.shape[1]
    if width <= k:
        r, c = np.nonzero(scores > -np.inf)
        return r.astype(np.int64), c.astype(np.int64)
    top = np.argpartition(scores, width - k, axis=1)[:, width - k :]
    keep = np.take_along_axis(scores, top, axis=1) > -np.inf
    return np.nonzero(keep)[0].astype(np.int64), top[keep].astype(np.int64)
