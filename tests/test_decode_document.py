"""factx.store.decode_document decodes a document as json.loads does: the same value (types,
key order, the sign of zero) or the same error, on the values orjson reads otherwise or refuses."""
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factx.store import decode_document

ODD = [b'{"a":NaN}', b'{"a":Infinity}', b'{"a":-Infinity}', b'{"a":1e400}', b'{"a":-1e400}',
       b'{"a":123456789012345678901234567890}', b'{"a":18446744073709551616}', b'{"a":-9223372036854775809}',
       b'{"a":-9999999999999999999}', b'{"a":18446744073709551615}', b'{"a":-0.0}', b'{"a":-0}', b'{"a":1.0}',
       b'{"a":4.9e-324}', b'{"a":1e-400}', b'{"a":12345678901234567890.5}', b'{"a":"\\ud800"}',
       b'{"a":"\\udc00\\ud800"}', b'{"a":"\\ud83d\\ude00"}', b'\xef\xbb\xbf{"a":1}', '{"a":1}'.encode("utf-16"),
       '{"a":1}'.encode("utf-32"), b'{"a":1,"a":2}', b'{"b":1,"a":2}', b'{"a":"\xff"}', b'{"a":"\xed\xa0\x80"}',
       b'{"a":"x\x00y"}', b'{"a":"\\u0000"}', b' {"a":1} ', b'{"a":1} x', b'[' * 1100 + b']' * 1100,
       b'{"a":[' * 600 + b']}' * 600, b'', b'{"a":01}', b'{"a":.5}', b'{"a":"9999999999999999999999"}', b'null']


def outcome(decode, data: bytes):
    try:
        return "value", _exact(decode(data))
    except RecursionError as err:  # its words depend on how deep the caller's stack already is
        return "error", type(err).__name__
    except ValueError as err:
        return "error", type(err).__name__, str(err)


def _exact(value):
    """A value with its types and key order spelled out (1 == 1.0 and -0.0 == 0.0 otherwise)."""
    if isinstance(value, dict):
        return ("dict", [(k, _exact(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_exact(v) for v in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value.hex())
    return (type(value).__name__, value)


@pytest.mark.parametrize("data", ODD)
def test_odd_documents_decode_as_json_does(data):
    assert outcome(decode_document, data) == outcome(json.loads, data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2 ** 70, max_value=2 ** 70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.booleans())
def test_any_document_decodes_as_json_does(value, ascii_only):
    data = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    assert outcome(decode_document, data) == outcome(json.loads, data)
