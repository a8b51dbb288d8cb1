"""Data access: PynamoDB models (``models``) and the query functions that name each access pattern."""
from __future__ import annotations

from typing import Callable

from pynamodb.exceptions import DeleteError, PutError, UpdateError

from chalicelib.settings import Settings

_bound: tuple[str, str] | None = None
_shared = None  # the one Connection every model (and every transaction) uses once bound


def bind(settings: Settings) -> None:
    """Point every model at this stage's tables; cheap to call on every request.

    Table names are not known at import time (nothing reads the environment then), so the
    models are bound on first use. PynamoDB rebuilds a model's connection when its table
    name changes.
    """
    global _bound, _shared
    wanted = (settings.table_prefix, settings.region)
    if _bound == wanted:
        return
    from chalicelib.db.models import ALL_MODELS

    shared = None
    for model in ALL_MODELS:
        name = f"{settings.table_prefix}{model.base_name}"
        if (model.Meta.table_name, model.Meta.region) != (name, settings.region):
            model.Meta.table_name, model.Meta.region = name, settings.region
            model._connection = None  # noqa: SLF001 - reconnect to the new table/region
        # PynamoDB gives every model its own botocore session and client, and building one
        # costs ~100 ms of a cold start; a page touching four tables would pay four times.
        table = model._get_connection()  # noqa: SLF001 - cheap: the client itself is lazy
        if shared is None:
            shared = table.connection
        elif table.connection is not shared:
            shared.add_meta_table(table.connection.get_meta_table(table.table_name))
            table.connection = shared
    _bound, _shared = wanted, shared


def prepare_on_lambda() -> None:
    """Create the DynamoDB client during a Lambda function's init phase (SPEC §9).

    AWS recommends it: init runs at full CPU and is not billed by the first request's duration.
    Building the client reads botocore's service model (~100 ms) but calls nothing over the
    network. Only on Lambda and outside local mode and tests: nothing at import there.
    """
    from chalicelib.settings import get_settings, running_on_lambda

    if not running_on_lambda():
        return
    settings = get_settings()
    if settings.stage in ("local", "test"):
        return
    bind(settings)
    _shared.client  # noqa: B018 - the property builds and caches the botocore client


def create_tables(settings: Settings) -> None:
    """Create every table that does not exist yet (local mode and tests; production uses infra/)."""
    from chalicelib.db.models import ALL_MODELS

    bind(settings)
    for model in ALL_MODELS:
        if not model.exists():
            model.create_table(wait=True, billing_mode="PAY_PER_REQUEST")


def transact_write():
    """A TransactWrite on the models' shared connection.

    A new ``Connection`` per transaction would build a botocore session and client each time
    (~0.2 s); the shared one is the models' own, bound to this stage's region.
    """
    from pynamodb.transactions import TransactWrite

    if _shared is None:
        from chalicelib.settings import get_settings

        bind(get_settings())
    return TransactWrite(connection=_shared)


def conditional(write: Callable[[], object]) -> bool:
    """Make one conditional write; False when its condition failed, and nothing was written.

    For the writes where a failed condition is an answer (another worker claimed the item, the
    event was already recorded, the limit is reached); any other error still raises.
    """
    try:
        write()
    except (PutError, UpdateError, DeleteError) as exc:
        if exc.cause_response_code != "ConditionalCheckFailedException":
            raise
        return False
    return True
