"""Which channels a message to an account goes on: its kind and the customer's preferences."""
from chalicelib.customer.messages import channels
from chalicelib.db.models import Account


def _account(**fields):
    return Account("acct-1", name="Dana Reyes", **fields)


def _where(account, kind, template="signin_link"):
    return [(c.channel, c.address) for c in channels(account, kind, template)]


def test_transactional_goes_to_the_email_whatever_the_preferences():
    account = _account(email="dana@example.com", phone="+12175550142",
                       preferences={"email": False, "sms": False, "reminders": False})
    assert _where(account, "transactional") == [("email", "dana@example.com")]


def test_transactional_falls_back_to_a_text_only_when_the_template_has_one():
    account = _account(phone="+12175550142")
    assert _where(account, "transactional", "signin_link") == [("sms", "+12175550142")]
    assert _where(account, "transactional", "payment_receipt") == []


def test_service_messages_follow_the_channels_the_customer_keeps_on():
    account = _account(email="dana@example.com", phone="+12175550142")
    assert _where(account, "service") == [("email", "dana@example.com")]  # texts are off until chosen
    account.preferences = {"email": False, "sms": True}
    assert _where(account, "service") == [("sms", "+12175550142")]
    account.preferences = {"email": True, "sms": True}
    assert _where(account, "service") == [("email", "dana@example.com"), ("sms", "+12175550142")]


def test_reminders_stop_when_the_customer_turns_them_off():
    account = _account(email="dana@example.com", preferences={"reminders": False})
    assert _where(account, "reminder") == []
    assert _where(account, "service") == [("email", "dana@example.com")]
