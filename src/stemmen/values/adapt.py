"""Local adaptation: the value reader taught by one municipality's own labelled examples.

The shipped reader (``stemmen.values.reader``) was learned across many fictional manifests;
a municipality's consultants label its own segments (``stemmen review``) and write
``voorbeelden``. As anchors those examples sharpen the evidence a little; here they also
train two small corrections on top of the reader, fitted per manifest when the scorer is
fitted:

- which value: ``v' = alpha * v + W q + c`` over the values' logits ``v``, with ``q`` the
  segment's centred vector (multinomial logistic with the reader's logits as offset); P(no
  value) stays the reader's, so labels redistribute a segment over the values but never make
  it more or less about a value (the share of "geen" among labels chosen for uncertainty
  says nothing about real text; "geen" labels teach that through the background instead);
- lived or violated: ``s' = a1 s + a2 rules + (g + G_v) q + d_v`` for value ``v``, with ``s``
  the reader's stance logit and ``rules`` the hand-set rules' alignment: the municipality's
  own weighing of the reader against the rules, a shared and a per-value direction in the
  vector space, and a per-value bias. Alignment is then ``2 sigmoid(s') - 1``.

The reader's outputs for an example are computed by a scorer fitted *without* that example
(five folds), because an example is also an anchor and would otherwise find itself. The L2
strength of the vector terms is chosen per manifest by cross-validated log-loss over a small
grid on the same folds, with "no correction" as a candidate for the value head, so few or
unhelpful labels leave the reading as it was. Everything is deterministic: folds by a hash of
the text, full-batch L-BFGS from fixed starting points.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from stemmen.stats import log_softmax, softmax

FOLDS = 5
GRID = (0.03, 0.1, 0.3, 1.0, 3.0, None)  # L2 of the vector terms; None: no vector terms
MIN_EXAMPLES = 20  # fewer value-bearing examples: no correction of the value head
MIN_STANCE = 10  # fewer value-bearing examples, or only one direction: no correction of the stance
# weight of the prior on the low-dimensional terms (the reader's weights near the shipped
# ones, biases near 0), in labelled examples; cross-validation chooses between a prior that a
# handful of labels cannot swing and one that lets the labels decide
PRIORS = (5.0, 0.05)


@dataclass(frozen=True)
class ChoiceCorrection:
    """Which value: ``alpha * v + W q + c`` over the values' logits ``v``, fitted on value-bearing labels."""

    alpha: float
    w: np.ndarray  # (J, d)
    c: np.ndarray  # (J,)

    def value_logits(self, v: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Corrected logits (n, J) of the values, from the reader's ``v``."""
        return self.alpha * v + q @ self.w.T + self.c

    def apply(self, logits: np.ndarray, q: np.ndarray) -> np.ndarray:
        """The posterior (n, 1 + J): P(no value) as the reader has it, the values redistributed."""
        p0 = softmax(logits)[:, :1]
        return np.concatenate([p0, (1.0 - p0) * softmax(self.value_logits(logits[:, 1:], q))], axis=1)


@dataclass(frozen=True)
class StanceCorrection:
    """Lived or violated: the reader's log-odds and the rules' alignment reweighed, plus a shared and a
    per-value direction and a per-value bias."""

    a: np.ndarray  # (2,) weights of the reader's logit and the rules' alignment
    g: np.ndarray  # (d,) shared direction
    gv: np.ndarray  # (J, d) per-value directions
    dv: np.ndarray  # (J,) per-value bias

    def apply(self, s: np.ndarray, rules: np.ndarray, q: np.ndarray) -> np.ndarray:
        """(n, J) lived logits."""
        return self.a[0] * s + self.a[1] * rules + (q @ self.g)[:, None] + q @ self.gv.T + self.dv

    def at(self, s: np.ndarray, rules: np.ndarray, q: np.ndarray, v: np.ndarray) -> np.ndarray:
        """(n,) lived logits of each text for one value ``v`` (its reader logit ``s`` and rules' alignment)."""
        return self.a[0] * s + self.a[1] * rules + q @ self.g + (q * self.gv[v]).sum(1) + self.dv[v]


@dataclass(frozen=True)
class Adaptation:
    """The fitted corrections (None: that head reads as shipped) and how they were chosen."""

    choice: ChoiceCorrection | None
    stance: StanceCorrection | None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Examples:
    """The labelled texts of a manifest: value index (-1 about no value) and lived (1/0, NaN)."""

    texts: list[str]
    value: np.ndarray
    lived: np.ndarray


def manifest_examples(manifest: Any) -> Examples:
    """Every ``voorbeeld`` of every value and every text labelled "about no value"."""
    texts, value, lived = [], [], []
    for j, v in enumerate(manifest.waarden):
        for ex in v.voorbeelden:
            texts.append(ex.text)
            value.append(j)
            lived.append(1.0 if ex.stance == "+" else 0.0)
    for t in getattr(manifest, "geen", ()) or ():
        texts.append(t)
        value.append(-1)
        lived.append(np.nan)
    return Examples(texts, np.array(value, dtype=int), np.array(lived, dtype=float))


def folds_of(texts: Sequence[str], k: int = FOLDS) -> np.ndarray:
    """Fold per text: by the order of a hash of the text, so the same labels give the same folds."""
    keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    order = np.argsort(np.array(keys), kind="stable")
    fold = np.empty(len(texts), dtype=int)
    fold[order] = np.arange(len(texts)) % k
    return fold


def without(manifest: Any, drop: set[str]) -> Any:
    """The manifest without the examples and "geen" texts in ``drop``."""
    waarden = tuple(dataclasses.replace(v, voorbeelden=tuple(e for e in v.voorbeelden if e.text not in drop))
                    for v in manifest.waarden)
    geen = tuple(t for t in getattr(manifest, "geen", ()) or () if t not in drop)
    return dataclasses.replace(manifest, waarden=waarden, geen=geen)


def fit_choice(logits: np.ndarray, q: np.ndarray, y: np.ndarray, lam: float | None,
               prior: float = PRIORS[0]) -> ChoiceCorrection:
    """Multinomial logistic over the values (``y`` the value's index), offset by the reader's value
    logits (n, J). Whether a text is about a value at all is left to the reader: labels are chosen
    where the reading is unsure, so their share of "geen" says nothing about real text."""
    from scipy.optimize import minimize

    n, k = logits.shape
    d_full = q.shape[1]
    if lam is None:  # no vector terms: only the reader's scale and the biases
        q, lam = np.zeros((n, 0)), 0.0
    d = q.shape[1]
    onehot = np.eye(k)[y]
    rho = prior / n

    def loss(th: np.ndarray) -> tuple[float, np.ndarray]:
        alpha, w, c = th[0], th[1:1 + k * d].reshape(k, d), th[1 + k * d:]
        lp = log_softmax(alpha * logits + q @ w.T + c)
        g = (np.exp(lp) - onehot) / n
        # alpha is kept near 1 and the biases near 0: the reader is the prior
        val = (-(onehot * lp).sum() / n + 0.5 * lam * float((w * w).sum()) + 0.5 * rho * float(c @ c)
               + 0.5 * rho * (alpha - 1.0) ** 2)
        return val, np.concatenate([[float((g * logits).sum()) + rho * (alpha - 1.0)], (g.T @ q + lam * w).ravel(),
                                    g.sum(0) + rho * c])

    th0 = np.concatenate([[1.0], np.zeros(k * d + k)])
    th = minimize(loss, th0, jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x
    w = th[1:1 + k * d].reshape(k, d) if d else np.zeros((k, d_full))
    return ChoiceCorrection(float(th[0]), w, th[1 + k * d:])


def fit_stance(s: np.ndarray, rules: np.ndarray, q: np.ndarray, v: np.ndarray, y: np.ndarray, n_values: int,
               lam: float | None, a0: tuple[float, float] = (1.0, 0.0), prior: float = PRIORS[0]) -> StanceCorrection:
    """Logistic P(lived) for (text, its labelled value v), offset by the reader's logit ``s``."""
    from scipy.optimize import minimize

    n, d_full = q.shape
    if lam is None:  # no vector terms: only the weighing of reader and rules and the biases
        q, lam = np.zeros((n, 0)), 0.0
    d = q.shape[1]
    member = np.eye(n_values)[v]
    a_prior = np.asarray(a0, dtype=float)
    rho = prior / n

    def unpack(th: np.ndarray):
        return th[:2], th[2:2 + d], th[2 + d:2 + d + n_values * d].reshape(n_values, d), th[2 + d + n_values * d:]

    def loss(th: np.ndarray) -> tuple[float, np.ndarray]:
        a, g, gv, dv = unpack(th)
        z = a[0] * s + a[1] * rules + q @ g + (q * gv[v]).sum(1) + dv[v]
        e = (1.0 / (1.0 + np.exp(-z)) - y) / n
        val = (float(np.sum(np.logaddexp(0.0, z) - y * z)) / n + 0.5 * lam * float((g * g).sum() + (gv * gv).sum())
               + 0.5 * rho * float(dv @ dv) + 0.5 * rho * float(((a - a_prior) ** 2).sum()))
        ga = np.array([float(e @ s), float(e @ rules)]) + rho * (a - a_prior)
        return val, np.concatenate([ga, q.T @ e + lam * g, (member.T @ (e[:, None] * q) + lam * gv).ravel(),
                                    member.T @ e + rho * dv])

    th0 = np.concatenate([a_prior, np.zeros(d + n_values * d + n_values)])
    a, g, gv, dv = unpack(minimize(loss, th0, jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x)
    if not d:
        g, gv = np.zeros(d_full), np.zeros((n_values, d_full))
    return StanceCorrection(a.copy(), g.copy(), gv.copy(), dv.copy())


def _cv_loss(fold: np.ndarray, fit: Callable[[np.ndarray], Callable[[np.ndarray], np.ndarray]],
             nll: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> float:
    """Mean held-out negative log-likelihood: ``fit(train_mask)`` returns a predictor of rows."""
    out = np.zeros(len(fold))
    for k in np.unique(fold):
        test = fold == k
        out[test] = nll(fit(~test)(test), test)
    return float(out.mean())


def fit_adaptation(examples: Examples, fold: np.ndarray, logits: np.ndarray, s: np.ndarray, rules: np.ndarray,
                   q: np.ndarray, base_a: tuple[float, float], grid: Sequence[float] = GRID) -> Adaptation:
    """Both corrections from the examples' out-of-fold reader outputs (``logits`` (n, 1 + J), stance
    logits ``s`` and rules' alignment (n, J)) and vectors ``q``; L2 strengths by cross-validation."""
    n_values = s.shape[1]
    y = examples.value + 1
    meta: dict[str, Any] = {"n_examples": len(y), "n_value_bearing": int((y > 0).sum()), "folds": int(fold.max()) + 1}
    choice = None
    bearing = np.flatnonzero(y > 0)
    if len(bearing) >= MIN_EXAMPLES and n_values > 1:
        lv, qv, yv, fv = logits[bearing, 1:], q[bearing], y[bearing] - 1, fold[bearing]

        def choice_nll(pred: np.ndarray, rows: np.ndarray) -> np.ndarray:
            return -log_softmax(pred)[np.arange(len(pred)), yv[rows]]

        cv: dict[Any, float] = {"geen correctie": _cv_loss(fv, lambda tr: (lambda te: lv[te]), choice_nll)}
        for cand in [(p, lam) for p in PRIORS for lam in grid]:
            def fit_c(tr: np.ndarray, cand: tuple = cand):
                corr = fit_choice(lv[tr], qv[tr], yv[tr], cand[1], cand[0])
                return lambda te: corr.value_logits(lv[te], qv[te])
            cv[cand] = _cv_loss(fv, fit_c, choice_nll)
        best = min(cv, key=lambda key: (cv[key], str(key)))
        meta["choice_cv"] = {str(k): round(v, 4) for k, v in cv.items()}
        meta["choice"] = None if best == "geen correctie" else {"prior": best[0], "l2": best[1]}
        if best != "geen correctie":
            choice = fit_choice(lv, qv, yv, best[1], best[0])
    lived = examples.lived[bearing]
    stance = None
    if len(bearing) >= MIN_STANCE and 0 < lived.sum() < len(lived):
        v = y[bearing] - 1
        sb, rb, qb, fb = s[bearing, v], rules[bearing, v], q[bearing], fold[bearing]

        def stance_nll(pred: np.ndarray, rows: np.ndarray) -> np.ndarray:
            return np.logaddexp(0.0, pred) - lived[rows] * pred

        cv = {}
        for cand in [(p, lam) for p in PRIORS for lam in grid]:
            def fit_s(tr: np.ndarray, cand: tuple = cand):
                corr = fit_stance(sb[tr], rb[tr], qb[tr], v[tr], lived[tr], n_values, cand[1], base_a, cand[0])
                return lambda te: corr.at(sb[te], rb[te], qb[te], v[te])
            cv[cand] = _cv_loss(fb, fit_s, stance_nll)
        best = min(cv, key=lambda key: (cv[key], str(key)))
        meta["stance_cv"] = {str(k): round(val, 4) for k, val in cv.items()}
        meta["stance"] = {"prior": best[0], "l2": best[1]}
        stance = fit_stance(sb, rb, qb, v, lived, n_values, best[1], base_a, best[0])
        meta["stance"]["weights"] = [round(float(x), 3) for x in stance.a]
    return Adaptation(choice, stance, meta)
