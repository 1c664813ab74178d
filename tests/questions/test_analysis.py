import logging
import sys

import pytest

from questions import analysis
from questions.analysis import analyse, analyser_name, base_terms, units
from questions.glossary import concept_index

pytestmark = pytest.mark.django_db


def texts(terms):
    return [t.text for t in terms]


def test_korean_words_reduce_to_their_stems_whatever_the_particle_or_ending():
    assert analyser_name() == "mecab"
    assert texts(base_terms("경사하강법을")) == texts(base_terms("경사하강법은")) == ["경사", "하강법"]
    assert texts(base_terms("느리며")) == texts(base_terms("느립니다")) == ["느리"]
    assert texts(base_terms("학습률이")) == ["학습률"]


def test_words_mecab_cuts_into_pieces_stay_one_term():
    assert texts(base_terms("그래디언트를")) == ["그래디언트"]
    assert texts(base_terms("임베딩을")) == ["임베딩"]
    assert texts(base_terms("과적합을 막는다")) == ["과적합", "막"]


def test_english_inside_korean_is_stemmed_and_offsets_point_into_the_text():
    text = "learning rate가 크면 발산"
    terms = base_terms(text)
    assert texts(terms) == ["learn", "rate", "크", "발산"]
    assert [text[t.start : t.end] for t in terms] == ["learning", "rate", "크", "발산"]


def test_every_spelling_of_a_concept_gives_the_same_concept_term():
    concepts = concept_index()
    for text in ("경사하강법", "경사 하강법을", "gradient descent", "Gradient-Descent", "그래디언트 디센트"):
        assert "c_gradient_descent" in texts(analyse(text, concepts)), text
    assert units("기울기", concepts) == units("gradient", concepts) == [frozenset({"c_gradient"})]


def test_a_concept_spans_its_spelling_for_highlighting():
    text = "미니배치 경사하강법을 쓴다"
    concept = next(t for t in analyse(text, concept_index()) if t.text == "c_gradient_descent")
    assert text[concept.start : concept.end] == "경사하강법"


def test_a_query_states_the_longest_concept_once():
    assert units("learning rate", concept_index()) == [frozenset({"c_learning_rate"})]


def test_symbols_and_empty_text_give_no_terms():
    assert base_terms("") == ()
    assert base_terms("!@#$%^&*() --- ???") == ()


@pytest.fixture
def without_mecab(monkeypatch):
    """MeCab fails to import, as on a machine without the wheel."""
    monkeypatch.setitem(sys.modules, "mecab", None)
    analysis._tagger.cache_clear()
    base_terms.cache_clear()
    yield
    analysis._tagger.cache_clear()
    base_terms.cache_clear()


def test_without_mecab_korean_falls_back_to_bigrams_and_says_so(without_mecab, caplog):
    with caplog.at_level(logging.WARNING, logger="questions.analysis"):
        terms = texts(base_terms("경사하강법을 쓴다"))
    assert analyser_name() == "bigram"
    assert "경사" in terms and "하강" in terms
    assert "unavailable" in caplog.text


def test_hints_still_work_without_mecab(without_mecab):
    from study.hints import hint_matches

    assert hint_matches("경사하강법을 쓰면 손실이 줄어든다", [("경사하강법",)]) == [True]


def test_full_width_latin_is_read_as_ascii_with_offsets_into_the_text():
    text = "ＲＮＮ과 LSTM"
    terms = base_terms(text)
    assert terms[0].text == analysis.english_stem("rnn")
    assert text[terms[0].start : terms[0].end] == "ＲＮＮ"
    assert base_terms("Ｇｒａｄｉｅｎｔ") == base_terms("gradient")
