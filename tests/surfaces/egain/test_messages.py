"""The message catalog covers every locale the API serves, for every error code and every
value it shows."""

from __future__ import annotations

import re

from frontdesk.surfaces.egain import call, errors, messages


def test_every_code_has_a_user_message_in_every_locale() -> None:
    codes = {
        v for v in vars(errors).values() if isinstance(v, str) and re.fullmatch(r"\d{3}-\d{3}", v)
    }
    assert len(codes) >= 14
    for locale in call.LANGUAGES:
        missing = sorted(code for code in codes if code not in messages.USER_MESSAGES[locale])
        assert not missing, (locale, missing)


def test_every_value_has_a_display_value_in_every_locale() -> None:
    for value, shown in messages.DISPLAY.items():
        assert set(shown) == set(call.LANGUAGES), value
