"""The Django admin, for superusers only, behind the same login and MFA as the rest of the site.

All registrations live here so the admin's reach is reviewable in one place. Confidential
content never appears in it: credential numbers are masked and the audit trail is read-only.
"""

from __future__ import annotations

from typing import Any

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.http import HttpRequest

from mentorweb.accounts.models import Credential, Person, User
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import Membership, Organization


def _superuser_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


admin.site.has_permission = _superuser_only  # type: ignore[method-assign]
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Mentorweb administration"
admin.site.site_title = "Mentorweb administration"


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "is_active", "is_superuser", "last_login", "date_joined"]
    list_filter = ["is_active", "is_superuser"]
    search_fields = ["email"]
    fields = ["email", "is_active", "is_staff", "is_superuser", "last_login", "date_joined"]
    readonly_fields = ["last_login", "date_joined"]


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    fields = ["organization", "role", "status", "deactivated_at"]
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "role_group", "region"]
    list_filter = ["role_group", "preferred_language", "remote_or_isolated"]
    search_fields = ["family_name", "given_name", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "masked", "status", "verified_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["person"]
    # The registration number is shown masked and cannot be searched on, so it never ends up
    # in a URL's query string or a server log.
    fields = ["person", "kind", "masked", "status", "verified_by", "verified_at"]
    readonly_fields = ["person", "kind", "masked", "verified_by", "verified_at"]

    @admin.display(description="registration number")
    def masked(self, obj: Credential) -> str:
        return obj.masked_number

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "time_zone"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "source", "organization", "action", "object_type", "object_label"]
    list_filter = ["source", "action", "object_type"]
    search_fields = ["actor_label", "object_label", "action"]
    list_select_related = ["organization"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
