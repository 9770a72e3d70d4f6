"""The Cention spec's sample documents (specs/cention-contact-center-api.txt), copied
verbatim so that the tests run on a checkout without the specs: requests to send and
answers the demo gives."""

from __future__ import annotations

from typing import Any

NEW_ERRAND: Any = {
    "data": {
        "type": "c3_new_errands",
        "attributes": {
            "msg": {
                "message_id": "msgid_1485096554",
                "name": "David Liew",
                "from": "david.liew@test.se",
                "subject": "Creating test errand via API",
                "body": "Test message body at Sun, 22 Jan 2017 22:49:14 +0800",
                "html_body": "",
                "attachments": [
                    {
                        "content_type": "text/plain",
                        "name": "tst1.txt",
                        "content": "QXBwbGUgUGVuIFBpbmVhcHBsZSBQZW4=",
                    },
                    {
                        "content_type": "text/plain",
                        "name": "tst2.txt",
                        "content": "T3JhbmdlIEp1aWNlIQ==",
                    },
                ],
            },
            "extradata": {"message_id": "msgid_1485096554", "case_number": 21345, "zone": "A"},
            "integrationData": {
                "integrationName": "aventa",
                "referenceId": "1",
                "deviceId": 1000,
                "extensionId": 1000,
                "link": "https:www.google.com",
                "endSession": False,
                "destNumber": "60374571234",
                "pagingNumber": "12345",
                "pagingName": "GP office",
                "queueName": "EHS",
                "queueNumber": "123",
                "extraData": {
                    "comment": "internal comment",
                    "callReason": "reschedule appointment",
                    "appointmentTimestamp": "1593047865",
                },
            },
            "cuid": "5462-13-6485",
        },
    }
}

END_ERRANDS: Any = {
    "data": {
        "type": "c3_end_errands",
        "attributes": {
            "errand_id": 4321,
            "answer": {
                "user_type": "cention",
                "user_id": "1234",
                "subject": "Answer subject",
                "body": "",
                "html_body": "",
            },
        },
    }
}

END_OBCALL: Any = {
    "data": {
        "type": "c3_end_errands",
        "attributes": {
            "integrationName": "aventa",
            "dialedNumber": "01211112222",
            "deviceId": 1000,
            "extensionId": 1000,
        },
    }
}

ATTACHMENT_1270: Any = {
    "data": {
        "id": "1270",
        "type": "c3_response_attachments",
        "attributes": {
            "attachment": {
                "c3_id": 1270,
                "content_type": "text/plain",
                "name": "tst1_1.txt",
                "content": "QXBwbGUgUGVuIFBpbmVhcHBsZSBQZW4=",
            }
        },
    }
}

REPORT_33: Any = {
    "data": {
        "type": "c3_errand_reports",
        "id": "33",
        "attributes": {
            "actions": [
                {
                    "id": 83,
                    "note": "Errand 33 was opened by agent System "
                    "Administrator at 2015-07-16 20:50:17 +0800 "
                    "MYT.",
                    "origin": "System Administrator",
                    "time": "2015-07-16 20:50:17 +0800 MYT",
                    "timeStamp": 1437051017,
                },
                {
                    "id": 111,
                    "note": "Errand 33 was opened by agent System "
                    "Administrator at 2015-07-17 17:07:48 +0800 "
                    "MYT.",
                    "origin": "System Administrator",
                    "time": "2015-07-17 17:07:48 +0800 MYT",
                    "timeStamp": 1437124068,
                },
                {
                    "id": 112,
                    "note": "Errand 33 was answered and closed by agent "
                    "System Administrator at 2015-07-17 17:08:26 "
                    "+0800 MYT.",
                    "origin": "System Administrator",
                    "time": "2015-07-17 17:08:26 +0800 MYT",
                    "timeStamp": 1437124106,
                },
            ],
            "basic": {
                "acquired": False,
                "data": {
                    "id": 33,
                    "displayId": "33",
                    "status": "<img "
                    'src="/ng/img/icons/ACTION_ANSWER.png" '
                    'style="vertical-align:middle;" '
                    'title="Errand has been answered" '
                    'border="0"/> ',
                    "service": 1,
                    "serviceName": "Email",
                    "organisationId": 3,
                    "organisationName": "cention-org",
                    "area": 1,
                    "areaName": "test-services-area",
                    "priority": "",
                    "agentId": 2,
                    "agent": "System Administrator",
                    "from": "Cention ĈĈĈ, Leader (test.account@cention.se)",
                    "fromAddress": "test.account@cention.se",
                    "fromName": "Cention ĈĈĈ, Leader",
                    "to": "test.tester@cention.asia",
                    "toAddresses": ["test.tester@cention.asia"],
                    "copy": "",
                    "copyAddresses": None,
                    "subject": "test",
                    "iconicSubject": "<img "
                    'src="/Cention.app/Resources/Images/unassuming-icon.gif" '
                    'title="From Cention" '
                    'style="vertical-align:middle;" '
                    'border="0"/> test',
                    "body": '<div dir="ltr">test222</div>\r\n',
                    "date": "2015/07/16 20:47",
                    "answeredDate": "2015/07/17 17:08",
                    "donedate": "No Date",
                    "attachments": "0",
                    "closed": True,
                    "deleted": False,
                    "answered": True,
                    "wasForwardedToExternal": False,
                    "wasClonedAndForwardedExternal": False,
                    "feedbackAnswer": "",
                    "feedbackLink": "",
                    "fbPms": False,
                    "fbLikes": "",
                    "fbAction": "",
                    "sendPm": False,
                    "hasAnswer": False,
                    "answerDeleted": False,
                    "retweet": False,
                    "twitterPm": False,
                    "secureUserId": "",
                },
                "groupWith": 0,
                "hasChild": False,
                "id": 33,
                "style": {},
                "threadId": 32,
            },
            "c3_id": 33,
            "changed": True,
            "extended": {
                "answer_body": "test body",
                "answer_subject": "test",
                "errand_tags": [{"desc": "Test High Tag", "id": 32}],
                "feedback": {"Answer": "", "QuestionHTML": "", "QuestionText": "", "value": 0},
            },
            "sla": {
                "done_due": False,
                "expiry": 0,
                "handling_time": 0,
                "response_time": 0,
                "within_sla": False,
            },
        },
    }
}

DIRTY_LIST: Any = {
    "data": {
        "type": "c3_dirty_errand_list",
        "id": "0",
        "attributes": {"errands": [34, 3203, 3204, 3216, 3217]},
    }
}

FORCE_DIRTY: Any = {"data": {"type": "c3_dirty_errand_list", "attributes": {"errands": [35]}}}

FORCE_DIRTY_ANSWER: Any = {"data": {"type": "c3_dirty_errand_list", "id": "0"}}

DIRTY_RATINGS: Any = {
    "data": [
        {"type": "c3_dirty_facebook_ratings", "id": "3"},
        {"type": "c3_dirty_facebook_ratings", "id": "4"},
    ]
}

RATING_3: Any = {
    "data": {
        "type": "c3_facebook_ratings",
        "id": "3",
        "attributes": {
            "c3_id": 3,
            "data": {
                "isChanged": False,
                "message": "Hi its a really great page. It helps to find more people:)",
                "rating": 5,
                "ratingId": 3,
                "reviewerId": 2117249628,
                "reviewerName": "Jessica Elizabeth",
                "timestampCreated": 1489569020,
            },
        },
    }
}

CONTACT_CARD: Any = {
    "data": {
        "type": "c3_contact_cards",
        "attributes": {
            "contacts": {
                "email": ["tester.c3@cention.se", "tester.c3.2@cention.se"],
                "facebook": ["12345@facebook.com"],
                "name": "Tester Cention",
            }
        },
    }
}

CONTACT_CARD_ANSWER: Any = {
    "data": {
        "type": "c3_contact_cards",
        "id": "13",
        "attributes": {
            "c3_id": 13,
            "contacts": {
                "name": "Tester Cention",
                "email": ["tester.c3@cention.se", "tester.c3.2@cention.se"],
                "facebook": ["12345@facebook.com"],
            },
        },
    }
}

LOGIO_CSV = """1,sysadmin,1554108462,Logout
2,tester1,1554108529,Logout
3,sysadmin,1554108536,Login
4,sysadmin,1554108578,Logout
5,tester1,1554108586,Login
"""


# The library samples ("Cention Library JSONAPI"), in the spec's order.
LIBRARIES: Any = {
    "data": [
        {
            "type": "c3_libraries",
            "id": "3",
            "attributes": {
                "c3_id": 3,
                "external": False,
                "name": "cention-org - area-named-second",
            },
            "relationships": {
                "categories": {"data": [{"type": "c3_library_categories", "id": "3"}]},
                "questions": {"data": [{"type": "c3_library_questions", "id": "2"}]},
            },
        }
    ],
    "included": [
        {
            "type": "c3_library_attachments",
            "id": "2020",
            "attributes": {
                "attachment": {"c3_id": 2020, "content_type": "text/plain", "name": "tst1_1.txt"},
                "c3_id": 2020,
            },
            "links": {
                "self": {"href": "https://test.example.com/capi/json/c3_library_attachments/2020"}
            },
        },
        {
            "type": "c3_library_questions",
            "id": "4",
            "attributes": {
                "answer": "New answer!",
                "c3_id": 4,
                "question": "",
                "subject": "asdadasdas",
            },
            "relationships": {
                "attachments": {
                    "data": [{"type": "c3_library_attachments", "id": "2020"}],
                    "links": {
                        "related": {
                            "href": "https://test.example.com/capi/json/c3_library_questions/4/attachments"
                        },
                        "self": {
                            "href": "https://test.example.com/capi/json/c3_library_questions/4/relationships/attachments"
                        },
                    },
                }
            },
            "links": {
                "self": {"href": "https://test.example.com/capi/json/c3_library_questions/4"}
            },
        },
        {
            "type": "c3_library_questions",
            "id": "2",
            "attributes": {
                "answer": "done!",
                "c3_id": 2,
                "question": "11th body<br/>2nd line<br/>",
                "subject": "11th title",
            },
            "links": {
                "self": {"href": "https://test.example.com/capi/json/c3_library_questions/2"}
            },
        },
        {
            "type": "c3_library_questions",
            "id": "5",
            "attributes": {
                "answer": "done 2",
                "c3_id": 5,
                "question": '<div dir="ltr">first HELP me!</div>\n',
                "subject": "help me!",
            },
            "links": {
                "self": {"href": "https://test.example.com/capi/json/c3_library_questions/5"}
            },
        },
        {
            "type": "c3_libraries",
            "id": "4",
            "attributes": {
                "c3_id": 4,
                "external": False,
                "name": "cention-org - test-services-area",
            },
            "relationships": {
                "questions": {
                    "data": [
                        {"type": "c3_library_questions", "id": "5"},
                        {"type": "c3_library_questions", "id": "4"},
                    ]
                }
            },
        },
        {
            "type": "c3_library_categories",
            "id": "3",
            "attributes": {"c3_id": 3, "name": "old_libraries"},
            "relationships": {"libraries": {"data": [{"type": "c3_libraries", "id": "4"}]}},
        },
    ],
}

EXTERNAL_LIBRARY_3: Any = {
    "data": {
        "type": "c3_external_libraries",
        "id": "3",
        "attributes": {"c3_id": 3, "name": "cention-org - area-named-second"},
        "relationships": {
            "categories": {"data": [{"type": "c3_library_categories", "id": "3"}]},
            "questions": {"data": [{"type": "c3_library_questions", "id": "2"}]},
        },
    },
    "included": [
        {
            "type": "c3_library_questions",
            "id": "2",
            "attributes": {
                "answer": "ok one",
                "c3_id": 2,
                "question": "11th body<br/>2nd line<br/>",
                "subject": "11th title",
            },
            "links": {
                "self": {"href": "https://test.example.com/capi/json/c3_library_questions/2"}
            },
        },
        {
            "type": "c3_library_questions",
            "id": "1",
            "attributes": {"answer": "n", "c3_id": 1, "question": "dfdgfd", "subject": "asdasda"},
            "links": {
                "self": {"href": "https://test.example.com/capi/json/c3_library_questions/1"}
            },
        },
        {
            "type": "c3_libraries",
            "id": "4",
            "attributes": {
                "c3_id": 4,
                "external": False,
                "name": "cention-org - test-services-area",
            },
            "relationships": {
                "questions": {
                    "data": [
                        {"type": "c3_library_questions", "id": "1"},
                        {"type": "c3_library_questions", "id": "2"},
                    ]
                }
            },
        },
        {
            "type": "c3_libraries",
            "id": "3",
            "attributes": {"c3_id": 3, "external": True, "name": "cention-org - area-named-second"},
            "relationships": {"questions": {"data": [{"type": "c3_library_questions", "id": "2"}]}},
        },
        {
            "type": "c3_library_categories",
            "id": "3",
            "attributes": {"c3_id": 3, "name": "old_libraries"},
            "relationships": {
                "libraries": {
                    "data": [
                        {"type": "c3_libraries", "id": "4"},
                        {"type": "c3_libraries", "id": "3"},
                    ]
                }
            },
        },
    ],
}

CATEGORIES: Any = {
    "data": [
        {
            "type": "c3_library_categories",
            "id": "2",
            "attributes": {"c3_id": 2, "name": "greeting"},
            "relationships": {"questions": {"data": [{"type": "c3_library_questions", "id": "5"}]}},
        }
    ],
    "included": [
        {
            "type": "c3_library_questions",
            "id": "5",
            "attributes": {
                "answer": "ok\n",
                "c3_id": 5,
                "question": '<div dir="ltr">first HELP me!</div>\n',
                "subject": "help me!",
            },
            "links": {
                "self": {"href": "https://test.example.com/capi/json/c3_library_questions/5"}
            },
        }
    ],
}

QUESTION_4: Any = {
    "data": {
        "type": "c3_library_questions",
        "id": "4",
        "attributes": {
            "answer": "New answer!",
            "c3_id": 4,
            "question": "",
            "subject": "asdadasdas",
        },
        "relationships": {
            "attachments": {
                "data": [{"type": "c3_library_attachments", "id": "2020"}],
                "links": {
                    "related": {
                        "href": "https://test.example.com/capi/json/c3_library_questions/4/attachments"
                    },
                    "self": {
                        "href": "https://test.example.com/capi/json/c3_library_questions/4/relationships/attachments"
                    },
                },
            }
        },
    },
    "included": [
        {
            "type": "c3_library_attachments",
            "id": "2020",
            "attributes": {
                "attachment": {"c3_id": 2020, "content_type": "text/plain", "name": "tst1_1.txt"},
                "c3_id": 2020,
            },
            "links": {
                "self": {"href": "https://test.example.com/capi/json/c3_library_attachments/2020"}
            },
        }
    ],
    "links": {"self": {"href": "https://test.example.com/capi/json/c3_library_questions/4"}},
}

LIBRARY_ATTACHMENT_1270: Any = {
    "data": {
        "id": "1270",
        "type": "c3_library_attachments",
        "attributes": {
            "attachment": {
                "c3_id": 1270,
                "content_type": "text/plain",
                "name": "tst1_1.txt",
                "content": "QXBwbGUgUGVuIFBpbmVhcHBsZSBQZW4=",
            },
            "c3_id": 1270,
        },
    },
    "links": {"self": {"href": "https://test.example.com/capi/json/c3_library_attachments/1270"}},
}
