from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class Organization(Model):
    """A tenant. Every other row points at one."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    slug = fields.CharField(max_length=80, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organization"
