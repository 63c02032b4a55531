from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from art28.reviews.models import Playbook, Review
from art28.reviews.services import parse_positions, set_playbook


class PlaybookAdminForm(forms.ModelForm):
    class Meta:
        model = Playbook
        fields = ["processor", "positions"]

    def clean_positions(self) -> dict:
        try:
            return parse_positions(self.cleaned_data["positions"]).model_dump(mode="json", exclude_none=True)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


@admin.register(Playbook)
class PlaybookAdmin(admin.ModelAdmin):
    form = PlaybookAdminForm
    list_display = ["processor", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Playbook, form: Any, change: bool) -> None:
        # Through the service, so the change lands in the ledger.
        set_playbook(processor=obj.processor, positions=obj.positions, acting_user=request.user)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["filename", "processor", "controller", "language", "created_at"]
    readonly_fields = [f.name for f in Review._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
