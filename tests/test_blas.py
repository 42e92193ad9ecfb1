"""factx.blas: the pipeline's layers multiply with numpy's BLAS only where BLIS runs its generic
kernels, on one thread, and only factx's pipeline is changed."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy
import pytest
import spacy
from thinc.api import Linear, NumpyOps

from factx import blas
from factx.nlp import DEFAULT_MODEL

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def one_layer_pipeline():
    """A stand-in for a Language: one component whose model is a thinc layer."""
    model = Linear(3, 4)
    model.initialize()
    return SimpleNamespace(pipeline=[("layer", SimpleNamespace(model=model)),
                                     ("modelless", SimpleNamespace())]), model


def test_blis_arch_names_a_sub_configuration():
    arch = blas.blis_arch()
    assert arch is None or (isinstance(arch, str) and arch)


def test_a_known_cpu_keeps_blis():
    nlp, model = one_layer_pipeline()
    before = model.ops
    assert blas.use_numpy_gemm(nlp, arch="haswell") is False
    assert model.ops is before


def test_generic_kernels_switch_to_numpy_with_the_same_products(monkeypatch):
    monkeypatch.setattr(blas, "one_blas_thread", lambda: True)
    nlp, model = one_layer_pipeline()
    shared = model.ops
    X = numpy.random.default_rng(0).standard_normal((5, 4), dtype="float32")
    expected = model.predict(X)
    assert blas.use_numpy_gemm(nlp, arch="generic") is True
    assert isinstance(model.ops, NumpyOps) and model.ops.use_blis is False
    assert model.ops is not shared and shared.use_blis  # spaCy's shared ops untouched
    numpy.testing.assert_allclose(model.predict(X), expected, rtol=1e-5, atol=1e-6)


def test_no_switch_when_numpy_blas_cannot_be_kept_to_one_thread(monkeypatch):
    monkeypatch.setattr(blas, "_openblas_libraries", lambda: [])
    assert blas.one_blas_thread() is False
    nlp, model = one_layer_pipeline()
    before = model.ops
    assert blas.use_numpy_gemm(nlp, arch="generic") is False
    assert model.ops is before


def test_a_bundled_openblas_is_kept_to_one_thread():
    if not blas._openblas_libraries():
        pytest.skip("numpy without a bundled OpenBLAS")
    assert blas.one_blas_thread() is True


def test_factx_pipeline_annotates_as_the_stock_one(nlp):
    """Whatever this machine's BLIS picked: the same tags, parse and entities as spaCy's own
    (given the same sentence starts: factx starts one at every line, ``factx.nlp``)."""
    from factx.nlp import _start_sentences_at_line_breaks

    stock = spacy.load(DEFAULT_MODEL)
    _start_sentences_at_line_breaks(stock)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:3]]

    def annotations(doc):
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts)):
        assert annotations(ours) == annotations(theirs)
