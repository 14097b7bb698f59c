"""Authentication backend: Django's ModelBackend, with the profile (role) read in the same query as the user.

Every signed-in page asks for the role (menu, permission checks); reading the profile in the same query as the
user saves one query per request.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        # .get() compiles a cheaper query than .filter().first() (no ORDER BY); the department is read only
        # where it is used (department staff's record pages).
        model = get_user_model()
        try:
            user = model._default_manager.select_related("profile").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
