"""`tdkt grant-role USERNAME ROLE [--unit CODE | --cluster YEAR:ORGANISER:NUMBER]`.

The first system administrator of an installation is made this way, after `tdkt createsuperuser`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdkt.org.models import SECTOR_ROLES, UNIT_ROLES, ClusterTerm, Role, Unit
from tdkt.org.services import grant_role


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: “{value}” (cần dạng YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "Grant a role to a user: in a unit, in a cluster term, or sector-wide."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--unit", help="unit code, for unit roles (e.g. PT-thanh_hoa)")
        parser.add_argument(
            "--cluster", help="cluster term as YEAR:ORGANISER_CODE:NUMBER (e.g. 2022:TANDTC:1)"
        )
        parser.add_argument("--from", dest="valid_from", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="valid_to", help="last day, YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{options['username']}”.")
        role = options["role"]
        scope: dict[str, Any] = {}
        if role in UNIT_ROLES:
            unit = Unit.objects.filter(code=options["unit"] or "").first()
            if unit is None:
                raise CommandError(f"Vai trò {role} cần --unit là mã một đơn vị có trong hệ thống.")
            scope["unit"] = unit
        elif role not in SECTOR_ROLES:
            try:
                year, organiser, number = (options["cluster"] or "").split(":")
                term = ClusterTerm.objects.get(
                    year=int(year),
                    cluster__organising_unit__code=organiser,
                    cluster__number=int(number),
                )
            except (ValueError, ClusterTerm.DoesNotExist) as exc:
                raise CommandError(
                    "Vai trò cluster_secretary cần --cluster dạng NĂM:MÃ_ĐƠN_VỊ_TỔ_CHỨC:SỐ_CỤM "
                    "của một cụm có trong hệ thống (ví dụ 2022:TANDTC:1)."
                ) from exc
            scope["cluster_term"] = term
        if options["valid_from"]:
            scope["valid_from"] = _date(options["valid_from"])
        if options["valid_to"]:
            scope["valid_to"] = _date(options["valid_to"])
        try:
            assignment = grant_role(actor="tdkt grant-role", user=user, role=role, **scope)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{user.get_username()}: {assignment}")
