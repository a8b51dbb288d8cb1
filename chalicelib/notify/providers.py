"""The two providers: SES for email (one raw MIME message), SNS for texts. Only the outbox calls them."""
from __future__ import annotations

from email import policy as email_policy
from email.message import EmailMessage
from email.utils import formataddr
from typing import Any

from chalicelib import company
from chalicelib.aws import client
from chalicelib.db.models import OutboxMessage, plain
from chalicelib.jsonbody import one_line
from chalicelib.notify.queue import content_type
from chalicelib.settings import get_settings

# Error codes that mean the provider did not take the message and a later try may succeed.
RETRYABLE = {
    "Throttling", "ThrottlingException", "TooManyRequests", "ServiceUnavailable",
    "InternalFailure", "InternalError", "RequestTimeout", "KMSThrottling",
}


# Written out, a header line may be 998 characters (RFC 5322). At the library's default of 78, a
# long word such as List-Unsubscribe's one-click URL is RFC 2047-encoded, which mailbox providers
# do not decode. (The parts' own encodings are chosen at 78 when they are added.)
_HEADERS_AS_WRITTEN = email_policy.default.clone(max_line_length=998)


def build_email(message: OutboxMessage) -> bytes:
    """The raw MIME message. Every header value is made one line: a line break in a company name
    or a subject would otherwise be refused by the email library (or inject a header)."""
    settings = get_settings()
    brand = company.current()["branding"]
    mime = EmailMessage()
    mime["From"] = formataddr((one_line(brand["company_name"]), settings.mail_from))
    mime["To"] = one_line(message.recipient)
    mime["Subject"] = one_line(message.subject or brand["company_name"])
    if brand.get("email"):
        mime["Reply-To"] = one_line(brand["email"])
    for name, value in (plain(message.headers) or {}).items():
        mime[name] = one_line(value)
    mime.set_content(message.text)
    if message.html:
        mime.add_alternative(message.html, subtype="html")
    for attachment in message.attachments or []:
        parsed = content_type(attachment["content_type"])
        # As bytes, so the file keeps its CRLF line ends (RFC 5545), base64-encoded as SES asks for
        # non-ASCII parts; UTF-8 whatever charset the type names.
        params = {**parsed.params, "charset": "utf-8"}
        mime.add_attachment(attachment["data"].encode(), maintype="text", subtype=parsed.subtype,
                            filename=one_line(attachment["filename"]), params=params)
    return mime.as_bytes(policy=_HEADERS_AS_WRITTEN)  # the parts keep the encodings chosen above


def send_email(raw: bytes) -> str:
    settings = get_settings()
    kwargs: dict[str, Any] = {
        "Source": settings.mail_from,  # recipients come from the To header
        "RawMessage": {"Data": raw},
    }
    if settings.ses_configuration_set:
        kwargs["ConfigurationSetName"] = settings.ses_configuration_set
    return client("ses").send_raw_email(**kwargs)["MessageId"]


def send_sms(message: OutboxMessage) -> str:
    response = client("sns").publish(
        PhoneNumber=message.recipient,
        Message=message.text,
        MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}},
    )
    return response["MessageId"]
