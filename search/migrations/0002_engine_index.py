"""Each database's full-text index over the analysed terms, kept equal to them by triggers.

PostgreSQL: a `tsvector` column (title terms weight A, body terms weight B) with a GIN index. The
terms are already analysed, so they become lexemes as they are, never parsed again. SQLite: an FTS5 table over the same two columns whose tokenizer splits on spaces only
(`tokenchars '_'` keeps concept terms whole). Note: a later migration that makes Django rebuild the
document table on SQLite must recreate these triggers.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    # Each term keeps its position, so ts_rank sees how often a document states it and the weight
    # (positions carry weights: lexemes without one would all rank alike).
    """
    CREATE FUNCTION search_terms_vector(terms text, weight "char") RETURNS tsvector
    LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(
            COALESCE(string_agg(quote_literal(term) || ':' || LEAST(ord, 16383), ' ')::tsvector, ''::tsvector),
            weight
        )
        FROM unnest(string_to_array(terms, ' ')) WITH ORDINALITY AS t(term, ord)
    $$
    """,
    """
    CREATE FUNCTION search_document_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.vector := search_terms_vector(NEW.title_terms, 'A') || search_terms_vector(NEW.body_terms, 'B');
        RETURN NEW;
    END $$
    """,
    """
    CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE OF title_terms, body_terms
    ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_vector()
    """,
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_vector()",
    'DROP FUNCTION IF EXISTS search_terms_vector(text, "char")',
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]

SQLITE = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms, content='search_searchdocument', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
    )
    """,
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_documents")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
