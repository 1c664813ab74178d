from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from study.models import StudySettings
from studyhub.database import prepared_cursor


class LearnerBackend(ModelBackend):
    """Loads the learner's study settings (and their deck) with the user, saving a query on every
    learner page; the statement is built once per process, since building it cost more than running it."""

    def get_user(self, user_id):
        alias = router.db_for_read(get_user_model())
        statement = _statement(connections[alias])
        with prepared_cursor(connections[alias]) as cursor:
            cursor.execute(statement.sql, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        user = statement.build(alias, row)
        return user if self.user_can_authenticate(user) else None


class _Reader:
    """One model's columns in a row: the model's concrete fields, with the database's converters."""

    def __init__(self, model, table_alias: str, connection):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.names = [field.attname for field in self.fields]
        self.columns = [f"{table_alias}.{connection.ops.quote_name(field.column)}" for field in self.fields]
        self.converters = [
            (index, [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)], column)
            for index, (field, column) in enumerate(
                (field, field.get_col(model._meta.db_table)) for field in self.fields
            )
        ]
        self.connection = connection

    def build(self, alias: str, values):
        values = list(values)
        for index, converters, column in self.converters:
            for converter in converters:
                values[index] = converter(values[index], column, self.connection)
        return self.model.from_db(alias, self.names, values)


class _Statement:
    """SELECT user, their StudySettings and its deck (a Chapter) by the user's id, as select_related
    would, with the instances built the same way (no related object: cached as absent)."""

    def __init__(self, connection):
        User = get_user_model()
        deck_field = StudySettings._meta.get_field("deck")
        Chapter = deck_field.related_model
        self.user = _Reader(User, "u", connection)
        self.settings = _Reader(StudySettings, "s", connection)
        self.deck = _Reader(Chapter, "d", connection)
        quote = connection.ops.quote_name
        self.sql = (
            f"SELECT {', '.join(self.user.columns + self.settings.columns + self.deck.columns)} "
            f"FROM {quote(User._meta.db_table)} u "
            f"LEFT JOIN {quote(StudySettings._meta.db_table)} s "
            f"ON s.{quote(StudySettings._meta.get_field('user').column)} = u.{quote(User._meta.pk.column)} "
            f"LEFT JOIN {quote(Chapter._meta.db_table)} d "
            f"ON d.{quote(Chapter._meta.pk.column)} = s.{quote(deck_field.column)} "
            f"WHERE u.{quote(User._meta.pk.column)} = %s"
        )
        self.user_end = len(self.user.columns)
        self.settings_end = self.user_end + len(self.settings.columns)
        self.settings_pk = self.user_end + self.settings.fields.index(StudySettings._meta.pk)
        self.deck_pk = self.settings_end + self.deck.fields.index(Chapter._meta.pk)
        self.user_field = StudySettings._meta.get_field("user")
        self.deck_field = deck_field

    def build(self, alias: str, row):
        user = self.user.build(alias, row[: self.user_end])
        settings = None
        if row[self.settings_pk] is not None:
            settings = self.settings.build(alias, row[self.user_end : self.settings_end])
            deck = self.deck.build(alias, row[self.settings_end :]) if row[self.deck_pk] is not None else None
            self.deck_field.set_cached_value(settings, deck)
            self.user_field.set_cached_value(settings, user)
        self.user_field.remote_field.set_cached_value(user, settings)
        return user


@lru_cache(maxsize=8)
def _statement(connection) -> _Statement:
    # Per connection object (one per thread): the converters are the connection's own.
    return _Statement(connection)
