"""jieba's part-of-speech tagger with its hidden-Markov step on arrays (no Django).

Name boundaries (``propernames``) are found with jieba's part-of-speech tags. For characters
outside its dictionary jieba runs a Viterbi search over ~250 (position, tag) states in pure
Python: for every character, every reachable state against every previous state. Measured on
970 benchmark articles, that search was a quarter of the time spent reading, splitting and linking
a page. ``viterbi`` here is the same search on numpy arrays: the same model, the same sums in the
same order, ties broken the same way (the greater state), so the same tags; the tagger is jieba's
``POSTokenizer`` sharing jieba's loaded dictionary and tag table.
"""
from __future__ import annotations

from functools import lru_cache

import jieba.posseg as posseg
import numpy as np
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

MIN_FLOAT = -3.14e100  # jieba's score of an emission it never saw
MIN_INF = float("-inf")  # jieba's score of a transition it never saw


class _Model:
    """jieba's posseg model as arrays over the states, numbered in their sort order."""

    def __init__(self):
        self.states = sorted(trans_P)
        number = {state: i for i, state in enumerate(self.states)}
        size = len(self.states)
        self.number = number
        self.start = np.array([start_P[s] for s in self.states])
        self.trans = np.full((size, size), MIN_INF)
        self.expects = np.zeros((size, size), dtype=bool)  # which states may follow which
        for state, nexts in trans_P.items():
            for following, score in nexts.items():
                self.trans[number[state], number[following]] = score
                self.expects[number[state], number[following]] = True
        self.continues = self.expects.any(axis=1)  # states that have any transition
        self.every = np.ones(size, dtype=bool)
        # per character, filled as characters come (a race between threads only computes one twice)
        self._allowed: dict[str, np.ndarray] = {}
        self._emit: dict[str, np.ndarray] = {}

    def allowed(self, char: str) -> np.ndarray:
        """The states a character may take (every state for a character jieba never saw)."""
        mask = self._allowed.get(char)
        if mask is None:
            states = char_state_tab_P.get(char)
            if states is None:
                mask = self.every
            else:
                mask = np.zeros(len(self.states), dtype=bool)
                mask[[self.number[s] for s in states]] = True
            self._allowed[char] = mask
        return mask

    def emit(self, char: str) -> np.ndarray:
        scores = self._emit.get(char)
        if scores is None:
            scores = np.array([emit_P[s].get(char, MIN_FLOAT) for s in self.states])
            self._emit[char] = scores
        return scores


_model: _Model | None = None


def _the_model() -> _Model:
    global _model
    if _model is None:
        _model = _Model()
    return _model


def viterbi(obs: str) -> list[tuple[str, str]]:
    """The most likely (position, tag) state of every character: ``jieba.posseg.viterbi``'s route."""
    model = _the_model()
    active = np.flatnonzero(model.allowed(obs[0]))
    scores = model.start[active] + model.emit(obs[0])[active]
    back: list[tuple[np.ndarray, np.ndarray]] = []  # per step: its states, each one's previous state
    for char in obs[1:]:
        prev = active[model.continues[active]][::-1]  # greatest state first: it wins ties, as in jieba
        prev_scores = scores[model.continues[active]][::-1]
        expected = model.expects[prev].any(axis=0)
        candidates = model.allowed(char) & expected
        if not candidates.any():
            candidates = expected if expected.any() else model.every
        ys = np.flatnonzero(candidates)
        table = (prev_scores[:, None] + model.trans[np.ix_(prev, ys)]) + model.emit(char)[ys]
        best = table.argmax(axis=0)
        scores = table[best, np.arange(len(ys))]
        back.append((ys, prev[best]))
        active = ys
    # the best last state; equal scores: the greater state
    order = np.lexsort((active, scores))
    state = int(active[order[-1]])
    route = [state]
    for ys, previous in reversed(back):
        state = int(previous[np.searchsorted(ys, state)])
        route.append(state)
    route.reverse()
    return [model.states[s] for s in route]


class FastPOSTokenizer(posseg.POSTokenizer):
    """jieba's tagger (its loaded dictionary and tag table) with ``viterbi`` on arrays."""

    def __init__(self, shared: posseg.POSTokenizer = posseg.dt):
        self.tokenizer = shared.tokenizer
        self.word_tag_tab = shared.word_tag_tab

    def _POSTokenizer__cut(self, sentence):  # jieba's ``__cut``, with our viterbi
        for word, flag in _tagged_run(sentence):
            yield posseg.pair(word, flag)


@lru_cache(maxsize=20000)
def _tagged_run(sentence: str) -> tuple[tuple[str, str], ...]:
    """A run of characters outside jieba's dictionary, cut and tagged by the hidden-Markov step (the
    same run recurs: a name, a place; measured on benchmark articles, a third of the runs)."""
    pos_list = viterbi(sentence)
    out = []
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append((sentence[begin : i + 1], pos_list[i][1]))
            nexti = i + 1
        elif pos == "S":
            out.append((char, pos_list[i][1]))
            nexti = i + 1
    if nexti < len(sentence):
        out.append((sentence[nexti:], pos_list[nexti][1]))
    return tuple(out)
