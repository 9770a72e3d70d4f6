"""The demo workspace: every record the vendors' examples show, and enough around them."""
