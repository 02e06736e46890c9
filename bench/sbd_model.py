"""A rule-based MiniSBD sentence splitter as an ONNX file, so argostranslate's own translate() runs offline.

argostranslate 1.11 splits each paragraph with MiniSBD before translating. A package may bundle
its splitter as `minisbd/*.onnx`; without one, MiniSBD downloads `zh-hans.onnx` at run time.
The bench bundles this model instead: a per-character lookup table (one ONNX Gather) that ends a
sentence after 。！？!?；; and a token after every other character. MiniSBD's real Python pre- and
post-processing and an ONNX Runtime session run as usual; only the network model is replaced by a
cheaper one, so the baseline is, if anything, flattered.

The `onnx` package is not a dependency, so the ModelProto is written with a small protobuf encoder.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

from cache import write_bytes

SENTENCE_END = "。！？!?；;"

# MiniSBD labels: 0 inside a token, 1 end of token, 2 end of sentence (3, 4: multi-word tokens).
_NOT_END, _TOKEN_END, _SENTENCE_END = 0, 1, 2
_LABELS = 5
# Stanza's tokenizer features (MiniSBD computes them; this model ignores them).
_FEATURES = ("space_before", "capitalized", "numeric", "end_of_para", "start_of_para")

_FLOAT, _INT64 = 1, 7  # ONNX TensorProto data types


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(number: int, value: int | str | bytes) -> bytes:
    """One protobuf field: varint for ints, length-delimited for strings, bytes and sub-messages."""
    if isinstance(value, int):
        return _varint(number << 3) + _varint(value)
    data = value.encode("utf-8") if isinstance(value, str) else value
    return _varint(number << 3 | 2) + _varint(len(data)) + data


def _tensor_type(elem_type: int, dims: tuple[int | str, ...]) -> bytes:
    shape = b"".join(_field(1, _field(1, d) if isinstance(d, int) else _field(2, d)) for d in dims)
    return _field(1, _field(1, elem_type) + _field(2, shape))


def _value_info(name: str, elem_type: int, dims: tuple[int | str, ...]) -> bytes:
    return _field(1, name) + _field(2, _tensor_type(elem_type, dims))


def splitter_model(vocab: list[str]) -> bytes:
    """The serialised ONNX model: logits[b, t] = table[units[b, t]]."""
    rows = []
    for unit in vocab:
        label = _TOKEN_END
        if unit == "<PAD>":
            label = _NOT_END
        elif unit in SENTENCE_END:
            label = _SENTENCE_END
        rows.append([10.0 if k == label else 0.0 for k in range(_LABELS)])
    table = _field(1, len(vocab)) + _field(1, _LABELS) + _field(2, _FLOAT) + _field(8, "table")
    table += _field(9, struct.pack(f"<{len(vocab) * _LABELS}f", *(x for row in rows for x in row)))
    gather = _field(1, "table") + _field(1, "units") + _field(2, "logits") + _field(3, "lookup")
    gather += _field(4, "Gather")
    graph = _field(1, gather) + _field(2, "rule_sbd") + _field(5, table)
    graph += _field(11, _value_info("units", _INT64, ("batch", "time")))
    graph += _field(11, _value_info("features", _FLOAT, ("batch", "time", len(_FEATURES))))
    graph += _field(12, _value_info("logits", _FLOAT, ("batch", "time", _LABELS)))
    config = {"feat_funcs": list(_FEATURES), "max_seqlen": 1000, "batch_size": 32}
    units = {
        "lang": "zh-hans",
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_id2unit": vocab,
        "_unit2id": {u: i for i, u in enumerate(vocab)},
    }
    metadata = {"lang_code": "zh-hans", "config": json.dumps(config), "vocab": json.dumps(units)}
    model = _field(1, 8) + _field(2, "toolkit-bench") + _field(7, graph)
    model += _field(8, _field(1, "") + _field(2, 13))
    for key, value in metadata.items():
        model += _field(14, _field(1, key) + _field(2, value))
    return model


def write_splitter(path: Path) -> Path:
    """Write the rule-based splitter to `path` (a file ending in .onnx)."""
    vocab = ["<PAD>", "<UNK>", *SENTENCE_END]
    write_bytes(path, splitter_model(vocab))
    return path
