"""QMS Desk: an offline desktop application for keeping an ISO 9001:2015 quality management system.

This module holds the version only; it never imports PySide6.
"""

__version__ = "0.2.0"
APP_NAME = "QMS Desk"
APP_ID = "qmsdesk"
ORG_NAME = "QMS Desk"
FILE_SUFFIX = ".qmsdb"
