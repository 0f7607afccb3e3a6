from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A login. The e-mail address is the user name; the profile lives on Person."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.email


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")


class RoleGroup(models.TextChoices):
    """The employee groups of Mentoring for All, plus the retired groups that mentor."""

    EARLY_CHILDHOOD_EDUCATOR = "early_childhood_educator", _("Early childhood educator")
    TEACHER = "teacher", _("Teacher")
    ASSOCIATE_TEACHER = "associate_teacher", _("Associate teacher")
    BUSINESS_SUPPORT = "business_support", _("Business and support staff")
    CONSULTANT_COACH = "consultant_coach", _("Consultant or coach")
    OFFICE_ADMINISTRATOR = "office_administrator", _("Office administrator")
    VICE_PRINCIPAL = "vice_principal", _("Vice-principal")
    PRINCIPAL = "principal", _("Principal")
    SUPERVISORY_OFFICER = "supervisory_officer", _("Supervisory officer")
    RETIRED_PRINCIPAL = "retired_principal", _("Retired principal or vice-principal")
    RETIRED_SUPERVISORY_OFFICER = "retired_supervisory_officer", _("Retired supervisory officer")
    OTHER = "other", _("Other")


class Person(models.Model):
    """A user's profile: who they are in education and what they bring or need."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person")
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    role_group = models.CharField(_("role group"), max_length=40, choices=RoleGroup.choices, default=RoleGroup.OTHER)
    position = models.CharField(_("position"), max_length=200, blank=True)
    portfolio = models.CharField(_("portfolio"), max_length=200, blank=True)
    years_in_role = models.PositiveSmallIntegerField(_("years in role"), null=True, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    remote_or_isolated = models.BooleanField(_("remote or isolated region"), default=False)
    languages_of_service = models.JSONField(_("languages of service"), default=list, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    expertise = models.JSONField(_("areas of expertise"), default=list, blank=True)
    bio = models.TextField(_("short bio"), max_length=1500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(preferred_language__in=Language.values), name="person_language_valid"
            ),
            models.CheckConstraint(condition=models.Q(role_group__in=RoleGroup.values), name="person_role_group_valid"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class CredentialKind(models.TextChoices):
    OCT = "oct", _("Ontario College of Teachers registration")
    BC_TRB = "bc_trb", _("BC Teacher Regulation Branch certificate")
    OTHER = "other", _("Other")


class CredentialStatus(models.TextChoices):
    DECLARED = "declared", _("Declared, not yet verified")
    GOOD_STANDING = "good_standing", _("In good standing")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class Credential(models.Model):
    """A professional registration. The number is personal data: it never goes into a URL or a log."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credentials")
    kind = models.CharField(_("kind"), max_length=16, choices=CredentialKind.choices)
    number = models.CharField(_("registration number"), max_length=40)
    status = models.CharField(
        _("status"), max_length=16, choices=CredentialStatus.choices, default=CredentialStatus.DECLARED
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="credential_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(status__in=CredentialStatus.values), name="credential_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status="declared") | models.Q(verified_at__isnull=False),
                name="credential_verified_has_time",
            ),
        ]

    def __str__(self) -> str:
        # Deliberately without the number.
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def __repr__(self) -> str:
        return f"<Credential {self.pk} {self.kind} {self.status}>"

    @property
    def masked_number(self) -> str:
        return "•" * max(len(self.number) - 3, 0) + self.number[-3:]


class UserSession(models.Model):
    """Which session keys belong to which user, so deactivation can end them all."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        # Never the session key: it is a bearer secret.
        return f"session of user {self.user_id} since {self.created_at:%Y-%m-%d %H:%M}"
