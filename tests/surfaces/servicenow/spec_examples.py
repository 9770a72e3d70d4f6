"""The Consumer API spec's documented responses, verbatim.

From shared/specs/servicenow-consumer-api.txt.
"""

from __future__ import annotations

HARDING = {
    "country": "USA", "notes": "", "gender": "Male", "city": "Plano", "prefix": "",
    "sys_updated_on": "2016-08-12 00:19:12", "suffix": "", "title": "", "number": "CSMR0000004",
    "notification": "2", "sys_id": "01d8403fdb1b1200b6075200cf961941", "business_phone": "",
    "sys_updated_by": "prithvi", "mobile_phone": "", "street": "6900 Dallas Pkwy",
    "sys_created_on": "2016-06-16 19:20:13", "sys_domain": "global", "state": "TX", "fax": "",
    "first_name": "Harding", "email": "harding.asher@mailinator.com", "preferred_language": "",
    "sys_created_by": "guest", "zip": "75024", "home_phone": "", "time_format": "",
    "sys_mod_count": "8", "last_name": "Asher", "photo": "", "active": "true", "middle_name": "",
    "time_zone": "", "sys_tags": "", "name": "Harding Asher", "household": "", "date_format": "",
    "user": "c3d35d82c37122005871d44d81d3ae91", "primary": "false",
}  # fmt: skip

SAM = {
    "country": "USA", "notes": "", "gender": "Male", "city": "San Francisco", "prefix": "",
    "sys_updated_on": "2016-08-12 00:20:27", "suffix": "", "title": "", "number": "CSMR0000002",
    "notification": "2", "sys_id": "a0488cfbdb1b1200b6075200cf9619db", "business_phone": "",
    "sys_updated_by": "prithvi", "mobile_phone": "", "street": "144 2nd St",
    "sys_created_on": "2016-06-16 19:17:44", "sys_domain": "global", "state": "CA", "fax": "",
    "first_name": "Sam", "email": "sam.collins@mailinator.com", "preferred_language": "",
    "sys_created_by": "guest", "zip": "94105", "home_phone": "", "time_format": "",
    "sys_mod_count": "13", "last_name": "Collins", "photo": "", "active": "true", "middle_name": "",
    "time_zone": "", "sys_tags": "", "name": "Sam Collins", "household": "", "date_format": "",
    "user": "64488cfbdb1b1200b6075200cf9619db", "primary": "false",
}  # fmt: skip

LIST_URL = (
    "/api/now/consumer?sysparm_query=account=86837a386f0331003b3c498f5d3ee4ca"
    "&sysparm_limit=2&sysparm_offset=2"
)
GET_URL = "/api/now/consumer/01d8403fdb1b1200b6075200cf961941"

POST_BODY = {
    "country": "USA", "notes": "Never comes in before 10am", "gender": "Female",
    "city": "San Marcos", "prefix": "Ms", "title": "Director", "notification": "1",
    "business_phone": "(555)555-1234", "mobile_phone": "(555)555-1235", "street": "123 Sesame St",
    "state": "CA", "fax": "(555)555-1236", "first_name": "Jane", "zip": "92001",
    "home_phone": "(555)555-1234", "last_name": "Brown", "active": "true", "middle_name": "Dell",
    "time_zone": "PST", "name": "Jane Brown", "household": "4",
    "user": "c3d35d82c37122005871d44d81d3ae91", "primary": "false",
}  # fmt: skip
