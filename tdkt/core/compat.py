"""The one place that imports the backports of Django 6 features (STYLE.md §6)."""

from django_tasks import task

__all__ = ["task"]
