"""Sessions in the database, read with a statement built once per process (Django's own builds the same
SELECT on every request, which costs more than the database takes to answer it)."""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

from studyhub.database import prepared_cursor

_FIELDS = ("session_key", "session_data", "expire_date")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        model = self.model
        alias = router.db_for_read(model, instance=None)
        connection = connections[alias]
        column = {name: connection.ops.quote_name(model._meta.get_field(name).column) for name in _FIELDS}
        sql = (
            f"SELECT {column['session_data']} FROM {connection.ops.quote_name(model._meta.db_table)} "
            f"WHERE {column['session_key']} = %s AND {column['expire_date']} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with prepared_cursor(connection) as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # as Django's: an expired or unknown key is dropped
            return None
        return model(session_key=self.session_key, session_data=row[0])
