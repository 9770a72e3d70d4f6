"""eGain's ``displayValue``s in the 15 locales its API serves (``Accept-Language``).

Complete for every enumeration value this surface shows. Error ``userMessage``s are the
developer message, in English, in every locale (not yet translated).
"""

from __future__ import annotations

# value → locale → display value; en-US first.
DISPLAY: dict[str, dict[str, str]] = {
    "individual": {
        "en-US": "Individual", "es-ES": "Individual", "fr-FR": "Particulier",
        "it-IT": "Privato", "de-DE": "Privatperson", "nl-NL": "Particulier",
        "pt-BR": "Pessoa física", "pt-PT": "Particular", "da-DK": "Privatperson",
        "ru-RU": "Частное лицо", "fr-CA": "Particulier", "zh-CN": "个人",
        "ja-JP": "個人", "ko-KR": "개인", "sv-SE": "Privatperson",
    },
    "corporate": {
        "en-US": "Corporate", "es-ES": "Empresa", "fr-FR": "Entreprise",
        "it-IT": "Azienda", "de-DE": "Unternehmen", "nl-NL": "Bedrijf",
        "pt-BR": "Empresa", "pt-PT": "Empresa", "da-DK": "Virksomhed",
        "ru-RU": "Организация", "fr-CA": "Entreprise", "zh-CN": "企业",
        "ja-JP": "法人", "ko-KR": "기업", "sv-SE": "Företag",
    },
    "group": {
        "en-US": "Group", "es-ES": "Grupo", "fr-FR": "Groupe", "it-IT": "Gruppo",
        "de-DE": "Gruppe", "nl-NL": "Groep", "pt-BR": "Grupo", "pt-PT": "Grupo",
        "da-DK": "Gruppe", "ru-RU": "Группа", "fr-CA": "Groupe", "zh-CN": "组",
        "ja-JP": "グループ", "ko-KR": "그룹", "sv-SE": "Grupp",
    },
    "home": {
        "en-US": "Home", "es-ES": "Casa", "fr-FR": "Domicile", "it-IT": "Casa",
        "de-DE": "Privat", "nl-NL": "Thuis", "pt-BR": "Residencial", "pt-PT": "Casa",
        "da-DK": "Privat", "ru-RU": "Домашний", "fr-CA": "Domicile", "zh-CN": "住宅",
        "ja-JP": "自宅", "ko-KR": "집", "sv-SE": "Hem",
    },
    "mobile": {
        "en-US": "Mobile", "es-ES": "Móvil", "fr-FR": "Mobile", "it-IT": "Cellulare",
        "de-DE": "Mobil", "nl-NL": "Mobiel", "pt-BR": "Celular", "pt-PT": "Telemóvel",
        "da-DK": "Mobil", "ru-RU": "Мобильный", "fr-CA": "Cellulaire", "zh-CN": "手机",
        "ja-JP": "携帯電話", "ko-KR": "휴대폰", "sv-SE": "Mobil",
    },
    "business": {
        "en-US": "Business", "es-ES": "Trabajo", "fr-FR": "Professionnel",
        "it-IT": "Lavoro", "de-DE": "Geschäftlich", "nl-NL": "Werk",
        "pt-BR": "Comercial", "pt-PT": "Trabalho", "da-DK": "Arbejde",
        "ru-RU": "Рабочий", "fr-CA": "Travail", "zh-CN": "工作", "ja-JP": "勤務先",
        "ko-KR": "직장", "sv-SE": "Arbete",
    },
    "other": {
        "en-US": "Other", "es-ES": "Otro", "fr-FR": "Autre", "it-IT": "Altro",
        "de-DE": "Sonstige", "nl-NL": "Overig", "pt-BR": "Outro", "pt-PT": "Outro",
        "da-DK": "Andet", "ru-RU": "Другой", "fr-CA": "Autre", "zh-CN": "其他",
        "ja-JP": "その他", "ko-KR": "기타", "sv-SE": "Övrigt",
    },
    "home_address": {
        "en-US": "Home address", "es-ES": "Domicilio", "fr-FR": "Adresse du domicile",
        "it-IT": "Indirizzo di casa", "de-DE": "Privatadresse", "nl-NL": "Thuisadres",
        "pt-BR": "Endereço residencial", "pt-PT": "Morada", "da-DK": "Privatadresse",
        "ru-RU": "Домашний адрес", "fr-CA": "Adresse du domicile", "zh-CN": "住宅地址",
        "ja-JP": "自宅住所", "ko-KR": "집 주소", "sv-SE": "Hemadress",
    },
}  # fmt: skip


def display(value: str, locale: str) -> str:
    """A value's display value in ``locale`` (en-US where there is none)."""
    found = DISPLAY.get(value, {})
    return found.get(locale) or found.get("en-US") or value
