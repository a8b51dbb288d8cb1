"""Wiring only: the app, its middleware, one Blueprint per resource, the scheduled jobs."""
from chalice import Cron, Rate

from chalicelib import db, jobs, tasks, web
from chalicelib.handlers import access, auth, autopay, booking, dev, invoices, me, office_auth, public, records, shares, webhooks
from chalicelib.handlers.admin import access as admin_access
from chalicelib.handlers.admin import booking as admin_booking
from chalicelib.handlers.admin import customers as admin_customers
from chalicelib.handlers.admin import documents as admin_documents
from chalicelib.handlers.admin import invitations as admin_invitations
from chalicelib.handlers.admin import keys as admin_keys
from chalicelib.handlers.admin import launch as admin_launch
from chalicelib.handlers.admin import messages as admin_messages
from chalicelib.handlers.admin import records as admin_records
from chalicelib.handlers.admin import settings as admin_settings
from chalicelib.handlers.admin import staff as admin_staff
from chalicelib.handlers.admin import unreachable as admin_unreachable
from chalicelib.notify import outbox

app = web.PortalApp(app_name="septic-portal")
web.install(app)
outbox.run_tasks_with(tasks.run)  # for deliveries that name no runner (the jobs pass it themselves)
db.prepare_on_lambda()  # the DynamoDB client in Lambda's init phase; nothing in tests or local mode

app.register_blueprint(public.bp, url_prefix="/api")
app.register_blueprint(auth.bp, url_prefix="/api/auth")
app.register_blueprint(records.bp, url_prefix="/api")
app.register_blueprint(me.bp, url_prefix="/api")
app.register_blueprint(invoices.bp, url_prefix="/api")
app.register_blueprint(autopay.bp, url_prefix="/api")
app.register_blueprint(booking.bp, url_prefix="/api")
app.register_blueprint(shares.bp, url_prefix="/api")
app.register_blueprint(webhooks.bp, url_prefix="/api/webhooks")
app.register_blueprint(admin_records.bp, url_prefix="/api/admin")
app.register_blueprint(admin_booking.bp, url_prefix="/api/admin")
app.register_blueprint(admin_documents.bp, url_prefix="/api/admin")
app.register_blueprint(admin_settings.bp, url_prefix="/api/admin")
app.register_blueprint(admin_keys.bp, url_prefix="/api/admin")
app.register_blueprint(admin_invitations.bp, url_prefix="/api/admin")
app.register_blueprint(admin_messages.bp, url_prefix="/api/admin")
app.register_blueprint(admin_unreachable.bp, url_prefix="/api/admin")
app.register_blueprint(access.bp, url_prefix="/api")
app.register_blueprint(admin_access.bp, url_prefix="/api/admin")
app.register_blueprint(admin_staff.bp, url_prefix="/api/admin")
app.register_blueprint(admin_launch.bp, url_prefix="/api/admin")
app.register_blueprint(admin_customers.bp, url_prefix="/api/admin")
app.register_blueprint(office_auth.bp, url_prefix="/api/office/auth")
app.register_blueprint(dev.bp, url_prefix="/api/dev")


@app.schedule(Rate(1, unit=Rate.MINUTES))
def deliver_notifications(event):
    """Send queued emails and texts, retrying failures (the outbox)."""
    jobs.deliver_notifications()


# The outbox table's stream: a sign-in link leaves in seconds instead of on the next minute.
# The ARN is not known until the table exists: infra/ (portal/api.py) replaces this placeholder
# with the table's stream in the template; the schedule above stays as the sweeper.
OUTBOX_STREAM_PLACEHOLDER = "arn:aws:dynamodb:us-east-1:000000000000:table/portal-outbox/stream/set-by-infra"


@app.on_dynamodb_record(stream_arn=OUTBOX_STREAM_PLACEHOLDER, batch_size=100, starting_position="LATEST")
def deliver_on_outbox_change(event):
    """Send a message as soon as it is queued (the outbox table's stream)."""
    jobs.deliver_for_stream(event)


@app.schedule(Cron(0, 14, "*", "*", "?", "*"))
def charge_autopay(event):
    """Charge autopay invoices due today, once (14:00 UTC: morning in the US)."""
    jobs.charge_autopay()


@app.schedule(Cron(0, 14, "*", "*", "?", "*"))
def send_reminders(event):
    """Service-due reminders at the company's thresholds, each once (14:00 UTC: morning in the US)."""
    jobs.send_reminders()
