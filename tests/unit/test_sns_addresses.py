"""Only SNS's own https hosts may serve a signing certificate or a subscription link; the test origin
is a setting no deployed stage accepts."""
import pytest

from chalicelib.notify.sns_signature import allowed_sns_url
from chalicelib.settings import get_settings, settings_from


@pytest.mark.parametrize("url", [
    "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem",
    "https://sns.eu-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=t",
    "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-x.pem",
])
def test_sns_hosts_are_allowed(url):
    assert allowed_sns_url(url)


@pytest.mark.parametrize("url", [
    "http://sns.us-east-1.amazonaws.com/cert.pem",  # not https
    "https://sns.us-east-1.amazonaws.com.attacker.example/cert.pem",
    "https://attacker.example/sns.us-east-1.amazonaws.com/cert.pem",
    "https://sns.us-east-1.amazonaws.com@attacker.example/cert.pem",
    "https://sns.us-east-1.amazonaws.com:8443/cert.pem",
    "https://s3.amazonaws.com/cert.pem",
    "https://sns.amazonaws.com/cert.pem",
    "http://127.0.0.1:8123/cert.pem",  # the tests' origin, not set here
    None,
])
def test_everything_else_is_refused(url):
    assert not allowed_sns_url(url)


def test_the_test_origin_is_allowed_only_where_set(monkeypatch):
    monkeypatch.setenv("PORTAL_SNS_TEST_CERT_ORIGIN", "http://127.0.0.1:8123")
    get_settings.cache_clear()

    assert allowed_sns_url("http://127.0.0.1:8123/cert.pem")
    assert not allowed_sns_url("http://127.0.0.1:8124/cert.pem")
    assert not allowed_sns_url("http://127.0.0.1:8123.attacker.example/cert.pem")


@pytest.mark.parametrize("stage", ["prod", "staging"])
def test_a_deployed_stage_refuses_the_test_origin(stage):
    with pytest.raises(RuntimeError, match="tests and local mode only"):
        settings_from({"PORTAL_STAGE": stage, "PORTAL_SNS_TEST_CERT_ORIGIN": "http://127.0.0.1:8123"})
