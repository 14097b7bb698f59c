"""Authentication backend: Django's ModelBackend, with the profile (role, department) read with the user.

Every signed-in page asks for the role (menu, permission checks); reading the profile in the same query as the
user saves one query per request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        user = get_user_model()._default_manager.select_related("profile__department").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
