"""Hub scoping, applied once for every ORM query a request makes.

The principal dependency puts the caller's hub on the request's session; this hook then adds
``hub_id = :hub`` to every SELECT, UPDATE and DELETE touching a ``HubScoped`` table — including
eager loads — so an endpoint cannot forget it. National admins carry no hub and see all.
System work that must look across hubs (routing an application to a school's hub) says so with
``.execution_options(all_hubs=True)``. Statements prepared once (kit.prepared) carry the same
criteria compiled in, with the hub as a bind parameter (``hub_scoped``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, bindparam, event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from masteryhub.models.base import HubScoped

HUB_SCOPE = "masteryhub_hub_scope"
ALL_HUBS = "all_hubs"
HUB_PARAMETER = "tenancy_hub_id"


def scope_session_to_hub(session: Session, hub_id: uuid.UUID | None) -> None:
    if hub_id is None:
        session.info.pop(HUB_SCOPE, None)
    else:
        session.info[HUB_SCOPE] = hub_id


def session_hub_scope(session: Session) -> uuid.UUID | None:
    value = session.info.get(HUB_SCOPE)
    return value if isinstance(value, uuid.UUID) else None


@event.listens_for(Session, "do_orm_execute")
def _scope_to_hub(state: ORMExecuteState) -> None:
    hub_id = session_hub_scope(state.session)
    if hub_id is None or state.execution_options.get(ALL_HUBS, False):
        return
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_column_load or state.is_relationship_load:
        return  # the criteria already travel with the parent query's loader options
    state.statement = state.statement.options(
        with_loader_criteria(HubScoped, lambda cls: cls.hub_id == hub_id, include_aliases=True)
    )


def hub_scoped(statement: Select[Any]) -> Select[Any]:
    """``statement`` narrowed, as ``_scope_to_hub`` narrows every ORM query, to the hub given
    when it runs as the ``HUB_PARAMETER`` bind parameter (for statements built once)."""
    return statement.options(
        with_loader_criteria(
            HubScoped,
            # The name is spelt out: SQLAlchemy treats names the lambda reads as values.
            lambda cls: cls.hub_id == bindparam("tenancy_hub_id"),
            include_aliases=True,
            track_closure_variables=False,
        )
    )
