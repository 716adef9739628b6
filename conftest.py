"""Personas and a small court world, so permission tests read as sentences."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import pytest

from tdkt.org.models import LineageEvent, LineageLink, Role, Unit
from tests import factories as f

os.environ.setdefault("DEBUG", "true")


@pytest.fixture(autouse=True, scope="session")
def _fast_settings(django_test_environment: None, tmp_path_factory: pytest.TempPathFactory) -> None:
    from django.conf import settings

    # Uploads and generated documents of a test run never land in the working tree's var/media.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


@dataclass
class World:
    spc: Unit
    thanh_hoa: Unit
    nghe_an: Unit
    district: Unit
    old_hai_duong: Unit
    hai_phong: Unit
    term: object


@pytest.fixture
def world(db: None) -> World:
    spc = f.make_unit("Tòa án nhân dân tối cao", Unit.Level.SUPREME, code="TANDTC")
    th = f.make_unit("Tòa án nhân dân tỉnh Thanh Hóa", parent=spc, code="PT-thanh_hoa")
    na = f.make_unit("Tòa án nhân dân tỉnh Nghệ An", parent=spc, code="PT-nghe_an")
    district = f.make_unit(
        "Tòa án nhân dân huyện Nga Sơn",
        Unit.Level.DISTRICT,
        parent=th,
        code="DT-391",
        valid_to=dt.date(2025, 6, 30),
    )
    old = f.make_unit(
        "Tòa án nhân dân tỉnh Hải Dương",
        parent=spc,
        code="PT63-hai_duong",
        valid_to=dt.date(2025, 6, 30),
    )
    hp = f.make_unit(
        "Tòa án nhân dân thành phố Hải Phòng",
        parent=spc,
        code="PT-hai_phong",
        valid_from=dt.date(2025, 7, 1),
    )
    event = LineageEvent.objects.create(
        kind=LineageEvent.Kind.MERGED_INTO, effective_date=dt.date(2025, 7, 1)
    )
    LineageLink.objects.create(event=event, predecessor=old, successor=hp)
    term = f.make_term(
        [th, na], organiser=spc, head_unit=th, deputy_unit=na, name="Cụm thi đua số 1"
    )
    return World(spc, th, na, district, old, hp, term)


@pytest.fixture
def cluster_secretary(world: World):
    user = f.make_user("thuky", first_name="Hà", last_name="Lê Thị Thu")
    f.grant(user, Role.CLUSTER_SECRETARY, cluster_term=world.term)
    f.grant(user, Role.EMULATION_OFFICER, unit=world.thanh_hoa)
    return user


@pytest.fixture
def member_court_officer(world: World):
    user = f.make_user("canbo")
    f.grant(user, Role.EMULATION_OFFICER, unit=world.nghe_an)
    return user


@pytest.fixture
def council_member(world: World):
    user = f.make_user("hoidong")
    f.grant(user, Role.COUNCIL_MEMBER, unit=world.thanh_hoa)
    return user


@pytest.fixture
def successor_officer(world: World):
    user = f.make_user("haiphong")
    f.grant(user, Role.EMULATION_OFFICER, unit=world.hai_phong)
    return user


@pytest.fixture
def spc_office(world: World):
    user = f.make_user("vutdkt")
    f.grant(user, Role.SPC_OFFICE)
    return user


@pytest.fixture
def outsider(db: None):
    return f.make_user("outsider")
