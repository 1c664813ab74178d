"""A cursor for the hand-written statements that run on nearly every request (the session, the learner,
their cards, the deck menu, the grade) or on every dashboard (answer scores, weak key points).

On PostgreSQL its parameters are bound by the server, so the statement is prepared: parsed and planned
once per connection and then only executed. Django's own cursors bind on the client and never prepare,
which costs the card reader about a millisecond of quoting in Python and another of planning on every
request. With `DATABASE_PREPARE=0` (for a pooler that cannot keep prepared statements, such as PgBouncer
before 1.21 in transaction mode), the parameters are still bound by the server but nothing is prepared.

Only hand-written statements use it, whose every parameter has a type PostgreSQL can settle: compared
with or assigned to a column, or typed by psycopg (a number, a date, JSON). Server-side binding needs
that; the ORM's SQL is not written for it. Elsewhere (SQLite) it is the usual cursor.
"""

from functools import cache

from django.db.backends.utils import CursorWrapper


def prepared_cursor(connection) -> CursorWrapper:
    """Like `connection.cursor()`, wrapped the same way (query logging, execute wrappers, error
    translation), so query counts and database outages behave as with any other cursor."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    # Imported here: on SQLite, importing psycopg would add several MB to every worker.
    from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, ServerBindingCursor
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    # What `connection.cursor()` does, with a server-binding cursor.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = ServerBindingCursor(connection.connection)
        loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
        if connection.timezone != loader.timezone:
            register_tzloader(connection.timezone, cursor)
        connection.validate_thread_sharing()
        if connection.queries_logged:
            return _debug_wrapper()(cursor, connection)
        return connection.make_cursor(cursor)


@cache
def _debug_wrapper():
    from django.db.backends.postgresql.base import CursorDebugWrapper

    class PreparedDebugWrapper(CursorDebugWrapper):
        """Logs each statement with its values. Django's debug cursor reads them back from psycopg, which
        keeps no text of a prepared execution (the log and query-count failures would show None)."""

        def execute(self, sql, params=None):
            with self.debug_sql(self.db.ops.compose_sql(sql, params), params):
                return CursorWrapper.execute(self, sql, params)

    return PreparedDebugWrapper
