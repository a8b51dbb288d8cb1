"""Work the outbox worker runs for a request, away from the request (see ``queue.enqueue_task``).

``run`` is the task runner ``jobs`` gives ``outbox.deliver_due``: the outbox sits below the
modules whose work it runs, so it is handed this function instead of importing them.
"""
from __future__ import annotations

from typing import Any


def run(name: str, payload: dict[str, Any], task_id: str) -> list[str]:
    """Run a task; answers the ids of messages it queued, for the worker to send at once."""
    from chalicelib.admin import service_notices as notices
    from chalicelib.auth import signin
    from chalicelib.billing import autopay_state, intents
    from chalicelib.booking import followups
    from chalicelib.customer import reminders
    from chalicelib.sale import access_requests
    from chalicelib.office import signin as staff_signin

    handlers = {
        "signin-link": signin.send_link_task,
        "address-lookup": signin.lookup_task,
        staff_signin.TASK: staff_signin.send_link_task,
        "booking-follow-up": followups.run,
        notices.SUMMARY: notices.send_summary,
        notices.REPORT: notices.send_report,
        notices.INVOICE: notices.send_invoice,
        notices.VISIT: notices.send_visit,
        "restamp-reminders": reminders.stamp_all_task,
        "restamp-autopay": autopay_state.stamp_all_task,
        access_requests.TASK: access_requests.request_task,
        intents.NOTICE: intents.send_notice,
    }
    return handlers[name](payload, task_id)
