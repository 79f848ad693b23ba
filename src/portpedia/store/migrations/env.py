"""Alembic environment for the feedback store.

Only ``portpedia.store.migrate`` runs it: that function opens the connection, takes the
cross-process lock and passes the connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from portpedia.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("run portpedia migrations with portpedia.store.migrate(url)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
