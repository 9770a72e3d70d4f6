"""eGain's ``displayValue``s in the 15 locales its API serves (``Accept-Language``).

Complete for every enumeration value this surface shows, and for the ``userMessage`` of
every error code it answers with (a person's words; ``developerMessage`` stays English and
precise).
"""

# A catalog of 15 languages: letters that look like Latin ones are meant.
# ruff: noqa: RUF001

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


# Error code → locale → what a person may be shown (``userMessage``); fr-CA and pt-PT
# share fr-FR's and pt-BR's where the words are the same.
_EN = {
    "413-100": "The request is too large.",
    "400-101": "The request contains a parameter that is not supported.",
    "400-112": "A required search criterion is missing.",
    "400-113": "These parameters cannot be used together.",
    "400-196": "A value in the request is not allowed.",
    "401-101": "Your session has expired. Please sign in again.",
    "401-104": "Please sign in.",
    "403-178": "You are not allowed to do this.",
    "404-100": "The requested customer was not found.",
    "404-101": "The requested resource was not found.",
    "405-100": "This operation is not supported here.",
    "406-100": "This language is not supported.",
    "406-101": "This response format is not supported.",
    "429-001": "Too many attempts. Please try again later.",
    "500-100": "Something went wrong. Please contact your administrator.",
}
_ES = {
    "413-100": "La solicitud es demasiado grande.",
    "400-101": "La solicitud contiene un parámetro no admitido.",
    "400-112": "Falta un criterio de búsqueda obligatorio.",
    "400-113": "Estos parámetros no se pueden usar juntos.",
    "400-196": "Un valor de la solicitud no está permitido.",
    "401-101": "Su sesión ha caducado. Vuelva a iniciar sesión.",
    "401-104": "Inicie sesión.",
    "403-178": "No tiene permiso para hacer esto.",
    "404-100": "No se encontró el cliente solicitado.",
    "404-101": "No se encontró el recurso solicitado.",
    "405-100": "Esta operación no se admite aquí.",
    "406-100": "Este idioma no se admite.",
    "406-101": "Este formato de respuesta no se admite.",
    "429-001": "Demasiados intentos. Inténtelo de nuevo más tarde.",
    "500-100": "Se produjo un error. Póngase en contacto con el administrador.",
}
_FR = {
    "413-100": "La requête est trop volumineuse.",
    "400-101": "La requête contient un paramètre non pris en charge.",
    "400-112": "Un critère de recherche obligatoire est manquant.",
    "400-113": "Ces paramètres ne peuvent pas être utilisés ensemble.",
    "400-196": "Une valeur de la requête n'est pas autorisée.",
    "401-101": "Votre session a expiré. Veuillez vous reconnecter.",
    "401-104": "Veuillez vous connecter.",
    "403-178": "Vous n'êtes pas autorisé à effectuer cette action.",
    "404-100": "Le client demandé est introuvable.",
    "404-101": "La ressource demandée est introuvable.",
    "405-100": "Cette opération n'est pas prise en charge ici.",
    "406-100": "Cette langue n'est pas prise en charge.",
    "406-101": "Ce format de réponse n'est pas pris en charge.",
    "429-001": "Trop de tentatives. Veuillez réessayer plus tard.",
    "500-100": "Une erreur s'est produite. Veuillez contacter votre administrateur.",
}
_IT = {
    "413-100": "La richiesta è troppo grande.",
    "400-101": "La richiesta contiene un parametro non supportato.",
    "400-112": "Manca un criterio di ricerca obbligatorio.",
    "400-113": "Questi parametri non possono essere usati insieme.",
    "400-196": "Un valore della richiesta non è consentito.",
    "401-101": "La sessione è scaduta. Accedi di nuovo.",
    "401-104": "Accedi.",
    "403-178": "Non sei autorizzato a eseguire questa operazione.",
    "404-100": "Il cliente richiesto non è stato trovato.",
    "404-101": "La risorsa richiesta non è stata trovata.",
    "405-100": "Questa operazione non è supportata qui.",
    "406-100": "Questa lingua non è supportata.",
    "406-101": "Questo formato di risposta non è supportato.",
    "429-001": "Troppi tentativi. Riprova più tardi.",
    "500-100": "Si è verificato un errore. Contatta l'amministratore.",
}
_DE = {
    "413-100": "Die Anfrage ist zu groß.",
    "400-101": "Die Anfrage enthält einen nicht unterstützten Parameter.",
    "400-112": "Ein erforderliches Suchkriterium fehlt.",
    "400-113": "Diese Parameter können nicht zusammen verwendet werden.",
    "400-196": "Ein Wert in der Anfrage ist nicht zulässig.",
    "401-101": "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    "401-104": "Bitte melden Sie sich an.",
    "403-178": "Sie sind dazu nicht berechtigt.",
    "404-100": "Der angeforderte Kunde wurde nicht gefunden.",
    "404-101": "Die angeforderte Ressource wurde nicht gefunden.",
    "405-100": "Dieser Vorgang wird hier nicht unterstützt.",
    "406-100": "Diese Sprache wird nicht unterstützt.",
    "406-101": "Dieses Antwortformat wird nicht unterstützt.",
    "429-001": "Zu viele Versuche. Bitte versuchen Sie es später erneut.",
    "500-100": "Ein Fehler ist aufgetreten. Bitte wenden Sie sich an Ihren Administrator.",
}
_NL = {
    "413-100": "Het verzoek is te groot.",
    "400-101": "Het verzoek bevat een parameter die niet wordt ondersteund.",
    "400-112": "Een verplicht zoekcriterium ontbreekt.",
    "400-113": "Deze parameters kunnen niet samen worden gebruikt.",
    "400-196": "Een waarde in het verzoek is niet toegestaan.",
    "401-101": "Uw sessie is verlopen. Meld u opnieuw aan.",
    "401-104": "Meld u aan.",
    "403-178": "U hebt geen toestemming om dit te doen.",
    "404-100": "De gevraagde klant is niet gevonden.",
    "404-101": "De gevraagde bron is niet gevonden.",
    "405-100": "Deze bewerking wordt hier niet ondersteund.",
    "406-100": "Deze taal wordt niet ondersteund.",
    "406-101": "Deze antwoordindeling wordt niet ondersteund.",
    "429-001": "Te veel pogingen. Probeer het later opnieuw.",
    "500-100": "Er is iets misgegaan. Neem contact op met uw beheerder.",
}
_PT = {
    "413-100": "A solicitação é demasiado grande.",
    "400-101": "A solicitação contém um parâmetro não suportado.",
    "400-112": "Falta um critério de pesquisa obrigatório.",
    "400-113": "Estes parâmetros não podem ser usados em conjunto.",
    "400-196": "Um valor da solicitação não é permitido.",
    "401-101": "A sua sessão expirou. Inicie sessão novamente.",
    "401-104": "Inicie sessão.",
    "403-178": "Não tem permissão para fazer isto.",
    "404-100": "O cliente solicitado não foi encontrado.",
    "404-101": "O recurso solicitado não foi encontrado.",
    "405-100": "Esta operação não é suportada aqui.",
    "406-100": "Este idioma não é suportado.",
    "406-101": "Este formato de resposta não é suportado.",
    "429-001": "Demasiadas tentativas. Tente novamente mais tarde.",
    "500-100": "Ocorreu um erro. Contacte o administrador.",
}
_PT_BR = {
    **_PT,
    "401-101": "Sua sessão expirou. Faça login novamente.",
    "401-104": "Faça login.",
    "403-178": "Você não tem permissão para fazer isso.",
    "429-001": "Muitas tentativas. Tente novamente mais tarde.",
    "500-100": "Ocorreu um erro. Entre em contato com o administrador.",
}
_DA = {
    "413-100": "Anmodningen er for stor.",
    "400-101": "Anmodningen indeholder en parameter, der ikke understøttes.",
    "400-112": "Et påkrævet søgekriterium mangler.",
    "400-113": "Disse parametre kan ikke bruges sammen.",
    "400-196": "En værdi i anmodningen er ikke tilladt.",
    "401-101": "Din session er udløbet. Log ind igen.",
    "401-104": "Log ind.",
    "403-178": "Du har ikke tilladelse til at gøre dette.",
    "404-100": "Den ønskede kunde blev ikke fundet.",
    "404-101": "Den ønskede ressource blev ikke fundet.",
    "405-100": "Denne handling understøttes ikke her.",
    "406-100": "Dette sprog understøttes ikke.",
    "406-101": "Dette svarformat understøttes ikke.",
    "429-001": "For mange forsøg. Prøv igen senere.",
    "500-100": "Der opstod en fejl. Kontakt din administrator.",
}
_RU = {
    "413-100": "Запрос слишком большой.",
    "400-101": "Запрос содержит неподдерживаемый параметр.",
    "400-112": "Отсутствует обязательный критерий поиска.",
    "400-113": "Эти параметры нельзя использовать вместе.",
    "400-196": "Значение в запросе недопустимо.",
    "401-101": "Срок действия сеанса истёк. Войдите снова.",
    "401-104": "Войдите в систему.",
    "403-178": "У вас нет прав на это действие.",
    "404-100": "Запрошенный клиент не найден.",
    "404-101": "Запрошенный ресурс не найден.",
    "405-100": "Эта операция здесь не поддерживается.",
    "406-100": "Этот язык не поддерживается.",
    "406-101": "Этот формат ответа не поддерживается.",
    "429-001": "Слишком много попыток. Повторите попытку позже.",
    "500-100": "Произошла ошибка. Обратитесь к администратору.",
}
_ZH = {
    "413-100": "请求过大。",
    "400-101": "请求包含不受支持的参数。",
    "400-112": "缺少必需的搜索条件。",
    "400-113": "这些参数不能同时使用。",
    "400-196": "请求中的某个值不被允许。",
    "401-101": "会话已过期，请重新登录。",
    "401-104": "请登录。",
    "403-178": "您无权执行此操作。",
    "404-100": "未找到所请求的客户。",
    "404-101": "未找到所请求的资源。",
    "405-100": "此处不支持该操作。",
    "406-100": "不支持该语言。",
    "406-101": "不支持该响应格式。",
    "429-001": "尝试次数过多，请稍后再试。",
    "500-100": "出现错误，请联系管理员。",
}
_JA = {
    "413-100": "リクエストが大きすぎます。",
    "400-101": "リクエストにサポートされていないパラメーターが含まれています。",
    "400-112": "必須の検索条件がありません。",
    "400-113": "これらのパラメーターは同時に使用できません。",
    "400-196": "リクエスト内の値は許可されていません。",
    "401-101": "セッションの有効期限が切れました。もう一度サインインしてください。",
    "401-104": "サインインしてください。",
    "403-178": "この操作を行う権限がありません。",
    "404-100": "要求された顧客が見つかりません。",
    "404-101": "要求されたリソースが見つかりません。",
    "405-100": "この操作はここではサポートされていません。",
    "406-100": "この言語はサポートされていません。",
    "406-101": "この応答形式はサポートされていません。",
    "429-001": "試行回数が多すぎます。しばらくしてからもう一度お試しください。",
    "500-100": "エラーが発生しました。管理者にお問い合わせください。",
}
_KO = {
    "413-100": "요청이 너무 큽니다.",
    "400-101": "요청에 지원되지 않는 매개변수가 있습니다.",
    "400-112": "필수 검색 조건이 없습니다.",
    "400-113": "이 매개변수들은 함께 사용할 수 없습니다.",
    "400-196": "요청의 값이 허용되지 않습니다.",
    "401-101": "세션이 만료되었습니다. 다시 로그인하세요.",
    "401-104": "로그인하세요.",
    "403-178": "이 작업을 수행할 권한이 없습니다.",
    "404-100": "요청한 고객을 찾을 수 없습니다.",
    "404-101": "요청한 리소스를 찾을 수 없습니다.",
    "405-100": "이 작업은 여기에서 지원되지 않습니다.",
    "406-100": "이 언어는 지원되지 않습니다.",
    "406-101": "이 응답 형식은 지원되지 않습니다.",
    "429-001": "시도 횟수가 너무 많습니다. 나중에 다시 시도하세요.",
    "500-100": "오류가 발생했습니다. 관리자에게 문의하세요.",
}
_SV = {
    "413-100": "Begäran är för stor.",
    "400-101": "Begäran innehåller en parameter som inte stöds.",
    "400-112": "Ett obligatoriskt sökkriterium saknas.",
    "400-113": "Dessa parametrar kan inte användas tillsammans.",
    "400-196": "Ett värde i begäran är inte tillåtet.",
    "401-101": "Din session har gått ut. Logga in igen.",
    "401-104": "Logga in.",
    "403-178": "Du har inte behörighet att göra detta.",
    "404-100": "Den begärda kunden hittades inte.",
    "404-101": "Den begärda resursen hittades inte.",
    "405-100": "Den här åtgärden stöds inte här.",
    "406-100": "Det här språket stöds inte.",
    "406-101": "Det här svarsformatet stöds inte.",
    "429-001": "För många försök. Försök igen senare.",
    "500-100": "Något gick fel. Kontakta din administratör.",
}
USER_MESSAGES: dict[str, dict[str, str]] = {
    "en-US": _EN, "es-ES": _ES, "fr-FR": _FR, "fr-CA": _FR, "it-IT": _IT, "de-DE": _DE,
    "nl-NL": _NL, "pt-BR": _PT_BR, "pt-PT": _PT, "da-DK": _DA, "ru-RU": _RU, "zh-CN": _ZH,
    "ja-JP": _JA, "ko-KR": _KO, "sv-SE": _SV,
}  # fmt: skip


def user_message(code: str, locale: str) -> str | None:
    """What a person may be shown for an error code, in ``locale`` (else in English)."""
    return USER_MESSAGES.get(locale, _EN).get(code) or _EN.get(code)
