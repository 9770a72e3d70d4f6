"""The tables frontdesk serves, as ServiceNow names them, and the registry built from them.

Who may read or write a table is not declared here: each surface's access policy decides
(docs/decisions/0007-table-access.md).
"""

from __future__ import annotations

from dataclasses import replace

from frontdesk.store.card_tables import CARD_TABLES
from frontdesk.store.fields import (
    ContactKind,
    Field,
    FieldType,
    boolean,
    choice,
    datetime_,
    email,
    image,
    integer,
    password,
    phone,
    reference,
    string,
    url,
)
from frontdesk.store.registry import Cached, Reachable, Registry, TableDef
from frontdesk.store.service_tables import SERVICE_TABLES

DATE_FORMATS = (
    ("dd-MM-yyyy", "dd-mm-yyyy"),
    ("dd/MM/yyyy", "dd/mm/yyyy"),
    ("dd.MM.yyyy", "dd.mm.yyyy"),
    ("MM-dd-yyyy", "mm-dd-yyyy"),
    ("yyyy-MM-dd", "yyyy-mm-dd"),
)
TIME_FORMATS = (
    ("hh.mm.ss a", "hh.mm.ss a"),
    ("hh:mm:ss a", "hh:mm:ss a"),
    ("HH.mm.ss", "HH.mm.ss"),
    ("HH:mm:ss", "HH:mm:ss"),
)
FIRST_LAST = ("first_name", "last_name")
AUTH = frozenset({Cached.CREDENTIALS})
NOTIFICATION = integer("notification", default=2, choices=(("1", "Disable"), ("2", "Enable")))


def _address() -> tuple[Field, ...]:
    return (
        string("street", 255),
        string("city", 100),
        string("state", 100),
        string("zip", 40),
        string("country", 40),
    )


def _person() -> tuple[Field, ...]:
    """The sign-in name and the person's name and email, shared by users and consumer users."""
    return (
        string("user_name", 40, indexed=True, label="User ID"),
        string("first_name", 50),
        string("last_name", 50),
        string("name", 151, indexed=True),
        email("email", indexed=True),
    )


SYS_USER = TableDef(
    name="sys_user",
    searchable=("user_name", "name", "email"),
    label="User",
    display="name",
    name_parts=FIRST_LAST,
    caches=AUTH,
    fields=(
        *_person(),
        phone("phone"),
        phone("mobile_phone"),
        string("title", 60),
        # A department record's sys_id, in the column that held its name before (0009).
        replace(reference("department", "cmn_department"), max_length=40),
        reference("manager", "sys_user"),
        boolean("active", default=True),
        boolean("locked_out", default=False),
        boolean("web_service_access_only", default=False),
        boolean("internal_integration_user", default=False),
        password("user_password"),
        string("time_zone", 40),
        string("preferred_language", 3),
        NOTIFICATION,
        datetime_("last_login_time"),
    ),
)

# Groups; every workspace holds the "global" one, which every record's sys_domain names.
SYS_USER_GROUP = TableDef(
    name="sys_user_group",
    searchable=("name",),
    label="Group",
    display="name",
    fields=(
        string("name", 80, indexed=True),
        string("description", 1000),
        reference("manager", "sys_user"),
        email("email"),
        boolean("active", default=True),
        reference("parent", "sys_user_group"),
        string("type", 1024),
    ),
)

# Departments: the users and customers of each (eGain's customer departmentalization).
CMN_DEPARTMENT = TableDef(
    name="cmn_department",
    label="Department",
    display="name",
    fields=(
        string("name", 100, indexed=True),
        string("description", 1000),
        reference("parent", "cmn_department"),
        reference("dept_head", "sys_user", label="Department head"),
    ),
)

# The departments a user also works in, besides their own (eGain's "foreign users").
SYS_USER_FOREIGN_DEPARTMENT = TableDef(
    name="sys_user_foreign_department",
    label="User Foreign Department",
    display="department",
    caches=AUTH,
    fields=(
        reference("user", "sys_user"),
        reference("department", "cmn_department"),
    ),
)

SYS_USER_ROLE = TableDef(
    name="sys_user_role",
    label="Role",
    display="name",
    caches=AUTH,
    fields=(
        string("name", 100, indexed=True),
        string("description", 1000),
        string("suffix", 100),
        boolean("elevated_privilege", default=False),
    ),
)

SYS_USER_HAS_ROLE = TableDef(
    name="sys_user_has_role",
    label="User Role",
    display="role",
    caches=AUTH,
    fields=(
        reference("user", "sys_user"),
        reference("role", "sys_user_role"),
        string("state", 40, default="active"),
        boolean("inherited", default=False),
    ),
)

SYS_PROPERTIES = TableDef(
    name="sys_properties",
    label="System Property",
    display="name",
    caches=frozenset({Cached.PROPERTIES}),
    fields=(
        string("name", 100, indexed=True),
        string("value", 4000),
        string("description", 512),
        choice(
            "type",
            (("string", "string"), ("boolean", "true | false"), ("integer", "integer")),
            default="string",
        ),
        string("suffix", 100),
        boolean("is_private", default=False),
        boolean("ignore_cache", default=False),
    ),
)

SYS_DICTIONARY = TableDef(
    name="sys_dictionary",
    label="Dictionary Entry",
    display="element",
    caches=frozenset({Cached.DICTIONARY}),
    fields=(
        string("name", 80, indexed=True, label="Table"),
        string("element", 80, label="Column name"),
        string("column_label", 80),
        string("internal_type", 40, label="Type"),
        integer("max_length"),
        string("reference", 80),
        string("default_value", 512),
        boolean("mandatory", default=False),
        boolean("read_only", default=False),
        boolean("active", default=True),
    ),
)

OAUTH_ENTITY = TableDef(
    name="oauth_entity",
    label="Application Registry",
    display="name",
    caches=AUTH,
    fields=(
        string("name", 100),
        string("client_id", 100, indexed=True),
        password("client_secret"),
        string("type", 40, default="client"),
        boolean("active", default=True),
        integer("access_token_lifespan", default=1800),
        integer("refresh_token_lifespan", default=8_640_000),
        url("redirect_url"),
        reference("user", "sys_user", label="OAuth Application User"),
        string("comments", 4000),
    ),
)

CUSTOMER_ACCOUNT = TableDef(
    name="customer_account",
    searchable=("name", "number", "phone"),
    label="Account",
    display="name",
    number_prefix="ACCT",
    fields=(
        string("name", 100, indexed=True),
        phone("phone", indexed=True, contact=ContactKind.PHONE),
        phone("fax_phone"),
        *_address(),
        url("website"),
        string("stock_symbol", 40),
        string("stock_price", 40),
        string("notes", 4000),
        boolean("customer", default=True),
        boolean("partner", default=False),
        boolean("active", default=True),
        reference("primary_contact", "customer_contact"),
        reference("parent", "customer_account"),
        reference("department", "cmn_department"),
    ),
)

CUSTOMER_CONTACT = TableDef(
    name="customer_contact",
    searchable=("name", "email", "phone", "mobile_phone", "home_phone"),
    label="Contact",
    display="name",
    extends=SYS_USER,
    name_parts=FIRST_LAST,
    reachable=Reachable(),
    fields=(
        string("user_name", 40, indexed=True, label="User ID"),
        string("first_name", 50),
        string("last_name", 50),
        string("name", 151, indexed=True),
        email("email", indexed=True, contact=ContactKind.EMAIL),
        phone("phone", indexed=True, contact=ContactKind.PHONE, label="Business phone"),
        phone("mobile_phone", indexed=True, contact=ContactKind.PHONE),
        phone("home_phone", indexed=True, contact=ContactKind.PHONE),
        string("title", 60),
        reference("account", "customer_account"),
        boolean("active", default=True),
        string("time_zone", 40),
        string("preferred_language", 3),
        NOTIFICATION,
        *_address(),
    ),
)

CSM_CONSUMER_USER = TableDef(
    name="csm_consumer_user",
    searchable=("user_name", "name", "email"),
    label="Consumer User",
    display="name",
    extends=SYS_USER,
    name_parts=FIRST_LAST,
    fields=(
        *_person(),
        phone("mobile_phone"),
        reference("consumer", "csm_consumer"),
        boolean("active", default=True),
        boolean("locked_out", default=False),
        # A consumer's own sign-in (eGain's Customer actor).
        password("user_password"),
        string("time_zone", 40),
        string("preferred_language", 3),
    ),
)

CSM_HOUSEHOLD = TableDef(
    name="csm_household",
    searchable=("name", "number"),
    label="Household",
    display="name",
    number_prefix="HOLD",
    fields=(
        string("name", 100, indexed=True),
        reference("head_of_household", "csm_consumer"),
        *_address(),
        reference("department", "cmn_department"),
    ),
)

CSM_CONSUMER = TableDef(
    name="csm_consumer",
    searchable=(
        "name",
        "first_name",
        "last_name",
        "email",
        "mobile_phone",
        "business_phone",
        "home_phone",
        "number",
    ),
    label="Consumer",
    display="name",
    number_prefix="CSMR",
    name_parts=("first_name", "middle_name", "last_name"),
    reachable=Reachable(),
    fields=(
        boolean("active", default=True),
        phone("business_phone", indexed=True, contact=ContactKind.PHONE),
        string("city", 100),
        string("country", 40),
        choice("date_format", DATE_FORMATS),
        email("email", indexed=True, contact=ContactKind.EMAIL),
        phone("fax"),
        string("first_name", 50, indexed=True),
        string("gender", 40),
        phone("home_phone", indexed=True, contact=ContactKind.PHONE),
        reference("household", "csm_household"),
        # Not one of the Consumer API's fields; its list example filters on it.
        reference("account", "customer_account"),
        string("last_name", 50, indexed=True),
        string("middle_name", 50),
        phone("mobile_phone", indexed=True, contact=ContactKind.PHONE),
        string("name", 152, indexed=True),
        string("notes", 4000),
        NOTIFICATION,
        image("photo"),
        string("preferred_language", 3),
        string("prefix", 40),
        boolean("primary", default=False),
        string("state", 100, label="State / Province"),
        string("street", 255),
        string("suffix", 40),
        choice("time_format", TIME_FORMATS),
        string("time_zone", 40),
        string("title", 60),
        reference("user", "csm_consumer_user"),
        string("zip", 40),
        reference("department", "cmn_department"),
    ),
)

SOCIAL_PROFILE = TableDef(
    name="sn_app_cs_social_social_profile",
    label="Social Profile",
    display="profile",
    reachable=Reachable(owners=("consumer", "contact"), social=("channel", "profile")),
    fields=(
        reference("account", "customer_account"),
        string("channel", 40),
        reference("contact", "customer_contact"),
        reference("consumer", "csm_consumer"),
        string("profile", 100, indexed=True),
        url("profile_url"),
        string("social_id", 100),
        string("source", 40),
    ),
)

SYS_ATTACHMENT = TableDef(
    name="sys_attachment",
    label="Attachment",
    display="file_name",
    fields=(
        string("table_name", 80, indexed=True),
        Field("table_sys_id", FieldType.SYS_ID, "Table sys ID", 32, indexed=True),
        string("file_name", 100),
        string("content_type", 100),
        integer("size_bytes"),
        integer("size_compressed"),
        boolean("compressed", default=False),
        string("hash", 64),
        integer("image_width"),
        integer("image_height"),
        string("average_image_color", 32),
        string("encryption_context", 32),
        string("state", 40, default="available"),
    ),
)


REGISTRY = Registry(
    (
        SYS_USER,
        SYS_USER_GROUP,
        CMN_DEPARTMENT,
        SYS_USER_FOREIGN_DEPARTMENT,
        SYS_USER_ROLE,
        SYS_USER_HAS_ROLE,
        SYS_PROPERTIES,
        SYS_DICTIONARY,
        OAUTH_ENTITY,
        CUSTOMER_ACCOUNT,
        CUSTOMER_CONTACT,
        CSM_CONSUMER_USER,
        CSM_HOUSEHOLD,
        CSM_CONSUMER,
        SOCIAL_PROFILE,
        SYS_ATTACHMENT,
        *SERVICE_TABLES,
        *CARD_TABLES,
    )
)
