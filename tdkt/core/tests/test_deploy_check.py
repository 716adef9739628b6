"""`manage.py check --deploy` is clean under production settings (read afresh in a subprocess)."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_check_deploy_is_clean_in_production():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_HTTPS": "true",
        "ALLOWED_HOSTS": "tdkt.example",
        "DJANGO_SETTINGS_MODULE": "tdkt.settings",
    }
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
