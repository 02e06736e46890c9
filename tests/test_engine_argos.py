"""The Argos engine on the tiny synthetic model: its output is gibberish, so these test the plumbing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.engines import Engine, Hypothesis
from toolkit.engines.argos import ArgosEngine, find_zh_en_package, load_package
from toolkit.errors import ModelError
from toolkit.packages import install_from_file

SENTENCES = [
    "萨姆·奥尔特曼以其前瞻性的战略思维和独特的务实主义，正面临AI全球竞争的复杂挑战。",
    "你好。",
    "他警示美国低估了中国AI实力。",
    "OpenAI",
    "在华盛顿的喧嚣与硅谷的躁动之间，萨姆·奥尔特曼，这位人工智能浪潮的掌舵者，近来似乎被一种深沉的焦虑所困扰。",
]


def test_the_engine_satisfies_the_engine_protocol(tiny_engine: ArgosEngine) -> None:
    engine: Engine = tiny_engine
    assert engine.name == "argos"


def test_one_list_of_hypotheses_per_sentence(tiny_engine: ArgosEngine) -> None:
    drafts = tiny_engine.translate(SENTENCES)
    assert len(drafts) == len(SENTENCES)
    assert all(len(hypotheses) == 1 and isinstance(hypotheses[0], Hypothesis) for hypotheses in drafts)
    assert all(isinstance(h.score, float) for hypotheses in drafts for h in hypotheses)


def texts_and_scores(drafts: list[list[Hypothesis]]) -> list[tuple[str, float]]:
    """The best hypothesis of each sentence, scores rounded (batching changes the last float bits)."""
    return [(hypotheses[0].text, round(hypotheses[0].score, 3)) for hypotheses in drafts]


def test_order_is_preserved_across_length_sorting(tiny_engine: ArgosEngine) -> None:
    one_by_one = [tiny_engine.translate([sentence])[0] for sentence in SENTENCES]
    assert texts_and_scores(tiny_engine.translate(SENTENCES)) == texts_and_scores(one_by_one)
    assert texts_and_scores(tiny_engine.translate(SENTENCES[::-1])) == texts_and_scores(one_by_one[::-1])


def test_num_hypotheses_are_returned_best_first(tiny_engine: ArgosEngine) -> None:
    for hypotheses in tiny_engine.translate(SENTENCES, num_hypotheses=3):
        assert len(hypotheses) == 3
        scores = [h.score for h in hypotheses]
        assert scores == sorted(scores, reverse=True)


def test_more_hypotheses_than_the_beam_widens_the_beam(tiny_engine: ArgosEngine) -> None:
    assert [len(h) for h in tiny_engine.translate(SENTENCES[:2], num_hypotheses=6)] == [6, 6]


def test_empty_input_gives_empty_output(tiny_engine: ArgosEngine) -> None:
    assert tiny_engine.translate([]) == []


def test_an_empty_sentence_drafts_to_empty_text(tiny_engine: ArgosEngine) -> None:
    assert [h.text for h in tiny_engine.translate(["", "你好"], num_hypotheses=2)[0]] == ["", ""]


def test_calls_and_sentences_are_counted(tiny_engine: ArgosEngine) -> None:
    calls, sentences = tiny_engine.calls, tiny_engine.sentences_translated
    tiny_engine.translate(SENTENCES)
    tiny_engine.translate(SENTENCES[:2])
    assert (tiny_engine.calls - calls, tiny_engine.sentences_translated - sentences) == (2, len(SENTENCES) + 2)


def test_signature_names_the_package_and_the_decoding_settings(tiny_engine: ArgosEngine) -> None:
    assert tiny_engine.signature() == "argos translate-zh_en-synthetic 0.1 beam=4 lp=0.2 int8 cpu"


def test_suppressed_phrases_are_tokenised_in_their_usual_casings(tiny_engine: ArgosEngine) -> None:
    sequences = tiny_engine.pieces.suppressed(["model", "Artificial intelligence"])
    assert ["".join(pieces) for pieces in sequences] == [
        "▁model",
        "model",
        "▁Model",
        "Model",
        "▁Artificial▁intelligence",
        "▁artificial▁intelligence",
        "artificial▁intelligence",
    ]


def test_a_suppressed_single_piece_is_never_generated(tiny_engine: ArgosEngine) -> None:
    drafts = tiny_engine.translate(SENTENCES, num_hypotheses=4)
    generated = drafts[0][0].text
    assert generated
    again = tiny_engine.translate(SENTENCES, num_hypotheses=4, suppress=[generated])
    assert all(h.text != generated for hypotheses in again for h in hypotheses)


def test_a_batch_of_a_thousand_sentences_works(tiny_engine: ArgosEngine) -> None:
    batch = [SENTENCES[i % len(SENTENCES)] + str(i) for i in range(1000)]
    drafts = tiny_engine.translate(batch)
    assert len(drafts) == 1000 and all(len(h) == 1 for h in drafts)


def test_the_engine_loads_an_argosmodel_file_directly(tiny_model: Path) -> None:
    engine = ArgosEngine(tiny_model)
    assert engine.translate(["你好"])[0][0].text == ArgosEngine(engine.package_dir).translate(["你好"])[0][0].text


def test_a_package_without_sentencepiece_is_refused(tiny_package_dir: Path, tmp_path: Path) -> None:
    import shutil

    broken = shutil.copytree(tiny_package_dir, tmp_path / "broken")
    (broken / "sentencepiece.model").unlink()
    with pytest.raises(ModelError, match="the package has no sentencepiece.model"):
        load_package(broken)


def test_a_package_with_a_damaged_model_is_one_clear_error(tiny_package_dir: Path, tmp_path: Path) -> None:
    import shutil

    broken = shutil.copytree(tiny_package_dir, tmp_path / "broken")
    (broken / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="cannot load the model"):
        ArgosEngine(broken)


def test_find_zh_en_package_sees_an_installed_package(argos_packages: Path, tiny_model: Path) -> None:
    assert find_zh_en_package() is None
    installed = install_from_file(tiny_model)
    assert find_zh_en_package() == installed.path


def test_translating_never_imports_argostranslate_translate_or_torch(tiny_package_dir: Path) -> None:
    script = (
        "import sys\n"
        "from toolkit.engines.argos import ArgosEngine\n"
        f"ArgosEngine({str(tiny_package_dir)!r}).translate(['你好'])\n"
        "print(sorted(m for m in ('argostranslate.translate', 'torch', 'spacy', 'stanza') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_auto_device_is_cuda_exactly_when_ctranslate2_sees_a_cuda_device(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    from toolkit.engines.argos import choose_device

    seen = []
    for count in (0, 1, 4):
        monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda count=count: seen.append(count) or count)
        assert choose_device("auto") == ("cuda" if count else "cpu")
    assert (choose_device("cpu"), choose_device("cuda"), seen) == ("cpu", "cuda", [0, 1, 4, 4])
    with pytest.raises(ModelError, match="unknown device 'tpu'"):
        choose_device("tpu")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(ModelError, match="--device cuda, but CTranslate2 sees no CUDA device"):
        choose_device("cuda")


def test_the_signature_records_the_device(tiny_package_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.engines import EngineOptions, build_engine
    from toolkit.engines.argos import ArgosSettings, signature

    engine = build_engine(tiny_package_dir, EngineOptions(device="cpu"))
    assert engine.signature().endswith(" int8 cpu")
    # A CUDA run says so (no GPU here to load a translator on: the signature is computed from the settings).
    assert signature(engine.package, ArgosSettings(device="cuda")).endswith(" int8 cuda")


def test_batches_are_sorted_by_length_and_cut_by_examples_or_padded_tokens() -> None:
    from toolkit.engines.argos import plan_batches

    lengths = [3, 1, 2, 1, 5]
    assert plan_batches(lengths, 2) == [[1, 3], [2, 0], [4]]
    assert plan_batches(lengths, 6, "tokens") == [[1, 3, 2], [0], [4]]
    assert plan_batches([], 4) == []


def test_progress_is_reported_once_per_translated_batch(tiny_package_dir: Path) -> None:
    reports: list[tuple[int, int]] = []
    engine = ArgosEngine(
        tiny_package_dir, max_decoding_length=16, max_batch_size=2, on_batch=lambda *r: reports.append(r)
    )
    drafts = engine.translate(SENTENCES)
    assert reports == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert texts_and_scores(drafts) == texts_and_scores([engine.translate([s])[0] for s in SENTENCES])


def test_throughput_gives_sentences_per_second_and_the_time_left() -> None:
    from toolkit.engines.progress import Throughput

    now = [100.0]
    throughput = Throughput(clock=lambda: now[0])
    assert throughput.label(0, 2000) == "drafted 0/2,000 sentences"
    now[0] = 110.0
    assert throughput.label(500, 2000) == "drafted 500/2,000 sentences, 50.0 sentences/s, 0:30 left"
    now[0] = 140.0
    assert throughput.label(1000, 200_000) == "drafted 1,000/200,000 sentences, 25.0 sentences/s, 2:12:40 left"
