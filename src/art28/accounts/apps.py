from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "art28.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from art28.accounts.receivers import forget_session, remember_session

        user_logged_in.connect(remember_session, dispatch_uid="accounts.remember_session")
        user_logged_out.connect(forget_session, dispatch_uid="accounts.forget_session")
