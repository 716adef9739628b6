from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tdkt.core.models import AuditEvent
from tdkt.org.models import RoleAssignment
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_grant_unit_cluster_and_sector_roles(world):
    user = f.make_user("moi")
    call_command(
        "grant_role", "moi", "emulation_officer", "--unit", "PT-nghe_an", "--from", "2025-01-01"
    )
    call_command("grant_role", "moi", "cluster_secretary", "--cluster", "2022:TANDTC:1")
    call_command("grant_role", "moi", "system_admin")
    roles = {
        (r.role, r.unit_id, r.cluster_term_id) for r in RoleAssignment.objects.filter(user=user)
    }
    assert roles == {
        ("emulation_officer", world.nghe_an.pk, None),
        ("cluster_secretary", None, world.term.pk),
        ("system_admin", None, None),
    }
    assert AuditEvent.objects.filter(code="org.role.granted").count() == 3


@pytest.mark.parametrize(
    "args",
    [
        ["nobody", "viewer", "--unit", "PT-nghe_an"],
        ["moi", "viewer", "--unit", "NO-SUCH-UNIT"],
        ["moi", "cluster_secretary", "--cluster", "2022:TANDTC"],
        ["moi", "viewer", "--unit", "PT-nghe_an", "--from", "01/01/2025"],
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_written(world, args):
    f.make_user("moi")
    with pytest.raises(CommandError):
        call_command("grant_role", *args)
    assert not RoleAssignment.objects.exists()
