"""Text analysis: the terms a Korean, English or mixed text states. Used by answer hints and search.

Korean goes through MeCab with mecab-ko-dic (the dictionary behind Lucene's Korean analyser): nouns,
roots and verb and adjective stems are kept, particles and endings dropped, so 경사하강법을 and
경사하강법은 give the same terms and 느리며 and 느립니다 the same stem. Latin words are lower-cased and
Snowball-stemmed, inside Korean sentences too ("learning rate가"). The glossary then adds one concept
term wherever a text names a concept by any spelling, in either language, so 기울기 and gradient meet.

If MeCab cannot load, Korean falls back to character bigrams (logged once); analysis never fails.
Plain functions, no requests: text in, terms out.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

log = logging.getLogger(__name__)

HANGUL = re.compile(r"[가-힣]+")
# "A/B" is one word; otherwise runs of letters and digits (a hyphen or apostrophe splits words).
LATIN = re.compile(r"[A-Za-z](?:/[A-Za-z])+\b|[A-Za-z0-9]+")
ENGLISH_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """a an and are as at be been being but by can could do does did for from has have had how if in
    into is it its itself may might more most much must not no of on or our should so such than that
    the their them then there these they this those through to too under up very was we were what when
    where which while who whom why will with would you your also each per via use uses used using
    about after again against all any because before between both during few further here just only
    other over own same some until""",
    )
)
# Stems that carry no content of their own: "to do", "to become", "to exist", auxiliaries.
KOREAN_STOP_STEMS = frozenset(re.findall(r"\S+", "하 되 있 않 같 위하 어떻 그렇 이렇 그러 이러 말 지 보이"))
KOREAN_STOP_NOUNS = frozenset(re.findall(r"\S+", "것 수 때 등 중 경우 정도 뒤 앞 전 후 위 안 밖 각 및"))
NOUN_TAGS = ("NNG", "NNP")
STEM_TAGS = ("VV", "VA")
# Particles and endings the bigram fallback strips from a word's end (longest first).
KOREAN_ENDINGS = tuple(
    sorted(
        re.findall(
            r"\S+",
            """은 는 이 가 을 를 의 에 로 와 과 도 만 에서 에게 으로 이다 이며 이고 한다 된다 하다 하고
            하며 해서 하면 합니다 됩니다 입니다 다""",
        ),
        key=len,
        reverse=True,
    )
)
# A concept's words may be separated by a space or a particle, never by a sentence break.
MAX_CONCEPT_GAP = 3
# Share of a spelling's letters its terms must cover for it to name the concept.
NAME_COVERAGE = 0.7
SENTENCE_BREAK = re.compile(r"[.,;:!?\n|()\[\]]")


@dataclass(frozen=True)
class Term:
    """One term of a text and where it stands (character offsets), for highlighting."""

    text: str
    start: int
    end: int

    @property
    def is_concept(self) -> bool:
        return self.text.startswith(CONCEPT_PREFIX)


CONCEPT_PREFIX = "c_"


def concept_term(slug: str) -> str:
    """The term standing for a glossary concept: one token for both search engines' tokenizers."""
    return CONCEPT_PREFIX + slug.replace("-", "_")


# --- MeCab -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _tagger():
    try:
        import mecab

        tagger = mecab.MeCab()
        tagger.parse("시작")
    except Exception:  # any failure to load means the fallback, never a failed page
        log.warning("Korean analyser (MeCab, mecab-ko-dic) unavailable: using character bigrams instead")
        return None
    return tagger


def analyser_name() -> str:
    """Which Korean analyser is in use: "mecab", or "bigram" when MeCab cannot load."""
    return "mecab" if _tagger() is not None else "bigram"


def _without_contracted_endings(text: str) -> str:
    # MeCab misreads some ㅂ니다 contractions (느립니다 → 느 + 립니); 느리다 it reads right. The
    # replacement keeps the length, so offsets still point into the original text.
    def replace(match: re.Match) -> str:
        syllable = match.group(1)
        code = ord(syllable) - 0xAC00
        if code % 28 != 17 or syllable == "습":  # 17: final ㅂ; 습니다 follows a consonant stem
            return match.group(0)
        return chr(ord(syllable) - 17) + "다 "

    return re.sub(r"([가-힣])니다", replace, text)


def _piece(pos: str, surface: str) -> str:
    """How a morpheme joins the noun beside it (same word, no space): "noun", "prefix", "suffix",
    "either", or "" for none. MeCab cuts words it does not know into pieces (임/베/딩, 그래/디언/트,
    과/적/합, 파인/튜닝); suffixes make new nouns (학습+률). Pieces are joined, never terms alone."""
    if pos.startswith(NOUN_TAGS):
        return "either" if len(surface) == 1 else "noun"
    if pos in ("XR", "SH"):
        return "noun"
    if pos == "XSN":
        return "suffix"
    if pos in ("IC", "MM") or (pos.startswith(STEM_TAGS) and pos.endswith("ETM")):
        return "prefix"
    return ""


def _korean_terms_mecab(tagger, text: str) -> list[Term]:
    terms: list[Term] = []
    # The noun being built: surface, start, end, whether it may take more pieces, has a real noun.
    noun: list | None = None

    def close():
        nonlocal noun
        if noun is not None and noun[4] and noun[0] not in KOREAN_STOP_NOUNS:
            terms.append(Term(noun[0], noun[1], noun[2]))
        noun = None

    for morpheme in tagger.parse(_without_contracted_endings(text)):
        pos, surface = morpheme.feature.pos, morpheme.surface
        start, end = morpheme.span
        piece = _piece(pos, surface)
        if (piece and piece != "suffix") or (piece == "suffix" and noun is not None):
            joins = noun is not None and noun[2] == start
            if joins and (piece in ("suffix", "either") or noun[3]):
                open_ = (noun[3] and piece != "suffix") or piece == "either"
                noun = [noun[0] + surface, noun[1], end, open_, noun[4] or piece in ("noun", "either")]
                continue
            close()
            noun = [surface, start, end, piece in ("prefix", "either"), piece in ("noun", "either")]
            continue
        close()
        if pos.startswith(STEM_TAGS):
            expression = morpheme.feature.expression
            stem = expression.split("/", 1)[0] if expression else surface
            if stem not in KOREAN_STOP_STEMS and HANGUL.fullmatch(stem):
                terms.append(Term(stem, start, end))
    close()
    return terms


def _korean_terms_bigram(text: str) -> list[Term]:
    terms = []
    for match in HANGUL.finditer(text):
        run, start = match.group(0), match.start()
        for ending in KOREAN_ENDINGS:
            if run.endswith(ending) and len(run) - len(ending) >= 2:
                run = run[: -len(ending)]
                break
        if len(run) == 1:
            terms.append(Term(run, start, start + 1))
        terms.extend(Term(run[i : i + 2], start + i, start + i + 2) for i in range(len(run) - 1))
    return terms


# --- English ---------------------------------------------------------------------------------

_stemmer = snowballstemmer.stemmer("english")
_BRITISH = re.compile(r"is(e|ed|es|ing|ation|ations)$")


@lru_cache(maxsize=20000)
def english_stem(word: str) -> str:
    """A lower-cased word's stem; British -ise spellings meet American -ize ones."""
    if len(word) > 6:
        word = _BRITISH.sub(r"iz\1", word)
    return _stemmer.stemWord(word)


# Full-width Latin letters and digits (ＡＢＣ, １２３, as a Korean input method may type them) read as
# their ASCII selves; one character for one, so the terms' offsets still point into the text.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def _latin_terms(text: str) -> list[Term]:
    terms = []
    for match in LATIN.finditer(text.translate(_FULL_WIDTH)):
        word = match.group(0).lower().replace("/", "")
        if len(word) < 2 or word.isdigit() or word in ENGLISH_STOPWORDS:
            continue
        terms.append(Term(english_stem(word), match.start(), match.end()))
    return terms


# --- base terms and concepts ------------------------------------------------------------------


@lru_cache(maxsize=8192)
def base_terms(text: str) -> tuple[Term, ...]:
    """Korean and English terms of a text in reading order, without glossary concepts."""
    terms = _latin_terms(text)
    if HANGUL.search(text):
        tagger = _tagger()
        terms += _korean_terms_mecab(tagger, text) if tagger else _korean_terms_bigram(text)
    return tuple(sorted(terms, key=lambda t: (t.start, t.end)))


@dataclass(frozen=True)
class ConceptIndex:
    """Every glossary spelling as a sequence of base terms, mapped to its concepts' terms."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]

    @classmethod
    def build(cls, names: list[tuple[str, str]]) -> ConceptIndex:
        """`names`: (concept slug, one spelling) pairs."""
        sequences: dict[tuple[str, ...], set[str]] = {}
        for slug, name in names:
            sequence = _name_sequence(name)
            if sequence:
                sequences.setdefault(sequence, set()).add(concept_term(slug))
        by_first: dict[str, list] = {}
        for sequence, concepts in sequences.items():
            by_first.setdefault(sequence[0], []).append((sequence, tuple(sorted(concepts))))
        return cls(
            {first: tuple(sorted(found, key=lambda s: -len(s[0]))) for first, found in by_first.items()}
        )

    def matches(self, terms: tuple[Term, ...], text: str, longest_only: bool) -> list[tuple[int, int, str]]:
        """(first, past-last term index, concept) for each concept named. `longest_only`: at each place
        only the longest spelling counts, and matches do not overlap."""
        found = []
        i = 0
        while i < len(terms):
            matched_length = 0
            for sequence, concepts in self.by_first.get(terms[i].text, ()):
                n = len(sequence)
                if n < matched_length:
                    break
                window = terms[i : i + n]
                if tuple(t.text for t in window) == sequence and _adjacent(window, text):
                    found.extend((i, i + n, concept) for concept in concepts)
                    matched_length = n
                    if longest_only:
                        break
            i += matched_length if longest_only and matched_length else 1
        return found


def _name_sequence(name: str) -> tuple[str, ...]:
    """A spelling's base terms, or () when they leave much of it out (the name would then match more
    than it says: "all-reduce" must not become every "reduce")."""
    terms = base_terms(name)
    letters = sum(1 for c in name if c.isalnum())
    covered = sum(1 for t in terms for c in name[t.start : t.end] if c.isalnum())
    if not terms or covered < NAME_COVERAGE * letters:
        return ()
    return tuple(t.text for t in terms)


def _adjacent(window: tuple[Term, ...], text: str) -> bool:
    for left, right in itertools.pairwise(window):
        gap = text[left.end : right.start]
        if len(gap) > MAX_CONCEPT_GAP or SENTENCE_BREAK.search(gap):
            return False
    return True


def analyse(text: str, concepts: ConceptIndex | None, *, longest_only: bool = False) -> list[Term]:
    """A text's base terms plus a term for each glossary concept it names, spanning its spelling.

    For a text being searched or an answer, every concept named counts, nested ones included
    (`longest_only=False`); for a query or a key point, only the longest reading of each place does.
    """
    terms = base_terms(text)
    found = list(terms)
    if concepts is not None:
        for first, past, concept in concepts.matches(terms, text, longest_only):
            found.append(Term(concept, terms[first].start, terms[past - 1].end))
    return sorted(found, key=lambda t: (t.start, -t.end, t.text))


def units(text: str, concepts: ConceptIndex | None) -> list[frozenset[str]]:
    """What a short text (a key point, a query) states: one unit per place, either a term or the
    concepts its longest glossary spelling names (alternatives: any one of them states it). A concept
    and its own words are never counted twice."""
    terms = base_terms(text)
    if concepts is None:
        return list(dict.fromkeys(frozenset([t.text]) for t in terms))
    covered: set[int] = set()
    places: dict[tuple[int, int], set[str]] = {}
    for first, past, concept in concepts.matches(terms, text, longest_only=True):
        places.setdefault((first, past), set()).add(concept)
        covered.update(range(first, past))
    found = [frozenset(names) for names in places.values()]
    found += [frozenset([t.text]) for i, t in enumerate(terms) if i not in covered]
    return list(dict.fromkeys(found))
