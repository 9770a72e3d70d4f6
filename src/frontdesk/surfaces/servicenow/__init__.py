"""The ServiceNow surface: Consumer, Table, Batch, Attachment APIs and ``/oauth_token.do``."""
