"""Sync views: the progress indicator in the status bar and the sync-problems panel."""
