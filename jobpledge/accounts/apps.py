from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jobpledge.accounts"
    label = "accounts"
    verbose_name = "계정"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from jobpledge.accounts.tokens import revoke_tokens_on_credential_change

        pre_save.connect(
            revoke_tokens_on_credential_change, sender=get_user_model(), dispatch_uid="jobpledge_revoke_tokens"
        )
